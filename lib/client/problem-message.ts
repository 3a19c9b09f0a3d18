/** Turns a failed request into words for the person, in the page's language. */
import { format, type Messages } from "@/lib/i18n/messages";
import { textProblems } from "@/lib/validations/text-codes";
import { ApiProblem, OfflineError, type FieldProblem } from "./api";

export type FieldLabels = Record<string, string>;
type FieldTexts = Messages["common"]["fieldProblems"];

export function problemMessage(err: unknown, common: Messages["common"], labels: FieldLabels = {}): string {
  if (err instanceof OfflineError) return common.offlineNow;
  if (!(err instanceof ApiProblem)) return common.unexpected;
  if (err.code === "VALIDATION_FAILED" && err.errors.length > 0) {
    const fields = [...new Set(err.errors.map((e) => labels[e.field] ?? e.field))];
    return format(common.checkFields, { fields: fields.join(", ") });
  }
  return err.detail ? `${err.title}. ${err.detail}` : err.title;
}

// The API's field messages come from the shared schemas (lib/validations): the known ones are said
// again in the page's language with their numbers; anything else by its zod issue code.
const serverMessages: [RegExp, (t: FieldTexts, m: RegExpMatchArray) => string][] = [
  [/^is required$/, (t) => t.required],
  [/^must have at least (\d+) characters$/, (t, m) => format(t.tooShort, { n: m[1] ?? "" })],
  [/^must have at most (\d+) characters$/, (t, m) => format(t.tooLong, { n: m[1] ?? "" })],
  [/^must have (\d+) to (\d+) characters$/, (t, m) => format(t.between, { min: m[1] ?? "", max: m[2] ?? "" })],
  [/^must be a valid e-mail address$/, (t) => t.email],
  [/^must be 2 to (\d+) letters, digits, dots, dashes or underscores$/, (t, m) => format(t.courseUnitCode, { n: m[1] ?? "" })],
  [/control characters/, (t) => t.format],
];

// The shared text rules (lib/validations/text.ts) say which rule by a code of their own.
const textRuleTexts: Record<string, (t: FieldTexts) => string> = {
  [textProblems.control.code]: (t) => t.format,
  [textProblems.direction.code]: (t) => t.direction,
  [textProblems.invisible.code]: (t) => t.invisible,
};

/** What is wrong with one field, from the API's field error. */
export function fieldProblemText(problem: FieldProblem, t: FieldTexts): string {
  const byCode = textRuleTexts[problem.code];
  if (byCode) return byCode(t);
  for (const [pattern, text] of serverMessages) {
    const match = problem.message.match(pattern);
    if (match) return text(t, match);
  }
  return problem.code === "invalid_type" ? t.required : t.invalid;
}

/** What the browser's own checks found wrong with an input (its maxLength, minLength, pattern, type). */
export function validityText(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, t: FieldTexts): string {
  const v = input.validity;
  if (v.valueMissing) return t.required;
  if (input instanceof HTMLSelectElement) return t.invalid;
  if (v.tooShort) return format(t.tooShort, { n: input.minLength });
  if (v.tooLong) return format(t.tooLong, { n: input.maxLength });
  if (v.typeMismatch && input.type === "email") return t.email;
  return input.dataset.patternMessage ?? t.invalid;
}
