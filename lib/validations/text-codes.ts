/**
 * The field error codes and messages of the shared text rules (text.ts), without zod, so the pages can
 * word them without bringing the schemas into their bundle.
 */
export const textProblems = {
  control: { code: "text_control", message: "must not contain control characters" },
  direction: { code: "text_direction", message: "must not contain characters that change the text's direction" },
  invisible: { code: "text_invisible", message: "must have at least one visible character" },
} as const;
