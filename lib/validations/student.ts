/**
 * The rules for what a student types: student number and name. Shared by the API and the check-in page.
 */
import { z } from "zod";
import { STUDENT_NUMBER_MAX } from "./limits";
import { displayTextSchema } from "./text";

export const NAME_MIN = 2;
export const NAME_MAX = 120;

/** Trims, drops inner spaces and upper-cases, so "up 2023 01" and "UP202301" are the same student. */
export function normaliseStudentNumber(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/gu, "").toUpperCase();
}

/** Composed, folded and held to the shared text rules (text.ts); lengths count characters, not UTF-16 units. */
export const studentNameSchema = displayTextSchema()
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
    .meta({
      description: "Spaces are dropped and letters upper-cased; the deployment's STUDENT_NUMBER_PATTERN must match.",
      example: "UP202300001",
    });
}
