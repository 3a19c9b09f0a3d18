import { z } from "zod";
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, PERSON_NAME_MAX, PERSON_NAME_MIN } from "./limits";
import { displayTextSchema } from "./text";

export const uuidSchema = z.uuid({ error: "must be a UUID" });

export const emailSchema = z
  .string({ error: "must be a string" })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX, "is too long")
  .pipe(z.email({ error: "must be a valid e-mail address" }))
  .meta({ format: "email" });

export const passwordSchema = z
  .string({ error: "must be a string" })
  .min(PASSWORD_MIN, `must have at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must have at most ${PASSWORD_MAX} characters`);

/** A teacher's name, which students and co-teachers see: the shared text rules (text.ts). */
export const personNameSchema = displayTextSchema()
  .refine(
    (s) => s.length >= PERSON_NAME_MIN && s.length <= PERSON_NAME_MAX,
    `must have ${PERSON_NAME_MIN} to ${PERSON_NAME_MAX} characters`,
  )
  .meta({ minLength: PERSON_NAME_MIN, maxLength: PERSON_NAME_MAX });

/** A whole number from `min` to `max`, each fault said as it is (not "must be a number" for a -1). */
export function wholeNumber(min: number, max: number, { fromText = false } = {}) {
  const number = fromText ? z.coerce.number({ error: "must be a number" }) : z.number({ error: "must be a number" });
  return number
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be ${min} or more` })
    .max(max, { error: `must be at most ${max}` });
}

/** Opaque pagination cursor, limit 1-100. */
export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: wholeNumber(1, 100, { fromText: true }).default(50),
});
