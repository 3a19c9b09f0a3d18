/**
 * The rules for what a student types: student number and name. Shared by the API and the check-in page.
 */
import { z } from "zod";
import { STUDENT_NUMBER_MAX } from "./limits";

// Control characters and the bidirectional overrides used to disguise text.
const forbiddenInName = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

export const NAME_MIN = 2;
export const NAME_MAX = 120;

/** Trims, folds runs of white space to one space and composes Unicode (NFC). */
export function normaliseName(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Trims, drops inner spaces and upper-cases, so "up 2023 01" and "UP202301" are the same student. */
export function normaliseStudentNumber(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/gu, "").toUpperCase();
}

export const studentNameSchema = z
  .string({ error: "must be a string" })
  .refine((s) => !forbiddenInName.test(s), "must not contain control characters")
  .transform(normaliseName)
  .refine((s) => [...s].length >= NAME_MIN, `must have at least ${NAME_MIN} characters`)
  .refine((s) => [...s].length <= NAME_MAX, `must have at most ${NAME_MAX} characters`)
  .meta({ minLength: NAME_MIN, maxLength: NAME_MAX });

export function studentNumberSchema(pattern: string) {
  const re = new RegExp(pattern, "u");
  return z
    .string({ error: "must be a string" })
    .max(STUDENT_NUMBER_MAX, "is too long")
    .transform(normaliseStudentNumber)
    .refine((s) => s.length > 0, "is required")
    .refine((s) => re.test(s), "must be 1 to 20 letters or digits")
    .meta({ description: "Spaces are dropped and letters upper-cased; the deployment's STUDENT_NUMBER_PATTERN must match.", example: "UP202300001" });
}
