import { z } from "zod";
import { emailSchema, uuidSchema, wholeNumber } from "./common";
import { displayTextSchema } from "./text";

/** A class group (turma) as the academic system names it, e.g. "T3" or "PL2". */
export const groupSchema = displayTextSchema({ allowEmpty: true })
  .refine((s) => s.length <= 40, "must have at most 40 characters")
  .meta({ maxLength: 40 });

/** Optional fields of a roster entry; an empty string clears them. */
export const optionalEmailSchema = z.union([z.literal("").transform(() => null), emailSchema]);
/** A roster listed whole, or one class group of it. */
export const rosterQuerySchema = z.strictObject({ group: groupSchema.optional() });

export const optionalGroupSchema = groupSchema.transform((g) => (g === "" ? null : g));

export const courseUnitParams = z.object({ id: uuidSchema });
export const memberParams = z.object({ id: uuidSchema, teacherId: uuidSchema });

export const importQuerySchema = z.strictObject({ mode: z.enum(["merge", "replace"]).default("merge") });

export const unitSettingsSchema = z
  .strictObject({
    lateAfterMinutes: wholeNumber(0, 600).optional(),
    minimumRate: wholeNumber(0, 100).optional(),
  })
  .refine((v) => v.lateAfterMinutes !== undefined || v.minimumRate !== undefined, "give lateAfterMinutes or minimumRate");

export const addMemberSchema = z.strictObject({ email: emailSchema });

export const statusSchema = z.enum(["present", "late", "excused", "absent"]);

export const reportQuerySchema = z.strictObject({
  group: groupSchema.optional(),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
});

export const exportFormatSchema = z.enum(["csv", "xlsx"]);
