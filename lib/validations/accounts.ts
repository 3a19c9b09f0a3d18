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

const currentPasswordSchema = z.string({ error: "must be a string" }).min(1, "is required").max(PASSWORD_MAX);

/** Changing the sign-in e-mail needs the current password (checked in teachers.ts, where the old e-mail is known). */
export const updateProfileSchema = z
  .strictObject({ name: personNameSchema.optional(), email: emailSchema.optional(), currentPassword: currentPasswordSchema.optional() })
  .refine((v) => v.name !== undefined || v.email !== undefined, "give at least one of name, email")
  .meta({ minProperties: 1 });

export const changePasswordSchema = z.strictObject({
  currentPassword: currentPasswordSchema,
  newPassword: passwordSchema,
  /** Also revoke every API token of the account (a token may be what leaked). */
  revokeTokens: z.boolean({ error: "must be true or false" }).default(false),
});
