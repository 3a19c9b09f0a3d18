import { z } from "zod";
import { normaliseName } from "./student";

export const uuidSchema = z.uuid({ error: "must be a UUID" });

export const emailSchema = z
  .string({ error: "must be a string" })
  .trim()
  .toLowerCase()
  .max(254, "is too long")
  .pipe(z.email({ error: "must be a valid e-mail address" }))
  .meta({ format: "email" });

export const passwordSchema = z
  .string({ error: "must be a string" })
  .min(10, "must have at least 10 characters")
  .max(200, "must have at most 200 characters");

export const personNameSchema = z
  .string({ error: "must be a string" })
  .transform(normaliseName)
  .refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters")
  .refine((s) => s.length >= 2 && s.length <= 120, "must have 2 to 120 characters")
  .meta({ minLength: 2, maxLength: 120 });

/** Opaque pagination cursor, limit 1-100. */
export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(100).default(50),
});
