import { z } from "zod";
import { emailSchema, passwordSchema, personNameSchema } from "./common";
import { PASSWORD_MAX, TOKEN_LABEL_MAX } from "./limits";

export const registerSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
});

export const credentialsSchema = z.strictObject({
  email: emailSchema,
  password: z.string({ error: "must be a string" }).min(1, "is required").max(PASSWORD_MAX),
});

export const createTokenSchema = credentialsSchema.extend({
  label: z
    .string()
    .trim()
    .min(1)
    .max(TOKEN_LABEL_MAX, `must have at most ${TOKEN_LABEL_MAX} characters`)
    .refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters")
    .default("API token"),
});

export const updateProfileSchema = z
  .strictObject({ name: personNameSchema.optional(), email: emailSchema.optional() })
  .refine((v) => v.name !== undefined || v.email !== undefined, "give at least one of name, email")
  .meta({ minProperties: 1 });

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string({ error: "must be a string" }).min(1, "is required").max(PASSWORD_MAX),
  newPassword: passwordSchema,
});
