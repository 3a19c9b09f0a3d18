/**
 * The lengths and patterns of what people type, in one place: the zod schemas enforce them and the
 * forms' inputs carry them (maxLength, minLength, pattern), so a form never allows what the API refuses.
 * Plain constants, so client components can import them without bringing zod into the page's bundle.
 */
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const PERSON_NAME_MIN = 2;
export const PERSON_NAME_MAX = 120;
export const TOKEN_LABEL_MAX = 80;
export const SUMMARY_MAX = 500;
export const COURSE_UNIT_CODE_MAX = 20;
/** Case-insensitive in the form: the API upper-cases the code before checking it. */
export const COURSE_UNIT_CODE_PATTERN = `[A-Za-z0-9][A-Za-z0-9._\\-]{1,${COURSE_UNIT_CODE_MAX - 1}}`;
export const COURSE_UNIT_NAME_MIN = 2;
export const COURSE_UNIT_NAME_MAX = 160;
export const STUDENT_NUMBER_MAX = 64;
/** A sheet code as typed: its 6 characters, with room for a space or dash between the halves. */
export const SHEET_CODE_INPUT_MAX = 9;
/** The rotating digits as typed: 4 digits, with room for a space between the pairs. */
export const DIGITS_INPUT_PATTERN = "[0-9 ]{4,5}";
export const DIGITS_INPUT_MAX = 5;
