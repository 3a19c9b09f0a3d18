/** Student input schemas bound to this deployment's configured student-number pattern. */
import { z } from "zod";
import { deviceIdSchema } from "@/lib/validations/checkin";
import { uuidSchema } from "@/lib/validations/common";
import { optionalEmailSchema, optionalGroupSchema, statusSchema } from "@/lib/validations/rosters";
import { studentNameSchema, studentNumberSchema } from "@/lib/validations/student";
import { displayTextSchema } from "@/lib/validations/text";
import { config } from "./config";

// Lazy: the pattern comes from the environment, which is read at the first request, not at build time.
const studentNumber = z.lazy(() => studentNumberSchema(config().STUDENT_NUMBER_PATTERN));

export const teacherAddSchema = z.strictObject({ studentNumber, name: studentNameSchema });

export const checkinSchema = z.strictObject({
  ticket: z.string({ error: "must be a string" }).min(1, "is required").max(200),
  studentNumber,
  name: studentNameSchema,
  // Sent by earlier versions of the page; the browser is now told by its cookie, so this decides nothing.
  deviceId: deviceIdSchema.optional(),
});

export const attendanceParams = z.object({ id: uuidSchema, studentNumber });

export const rosterEntrySchema = z.strictObject({
  studentNumber,
  name: studentNameSchema,
  email: optionalEmailSchema.optional(),
  group: optionalGroupSchema.optional(),
});

export const rosterEditSchema = z
  .strictObject({ name: studentNameSchema.optional(), email: optionalEmailSchema.optional(), group: optionalGroupSchema.optional() })
  .refine((v) => v.name !== undefined || v.email !== undefined || v.group !== undefined, "give name, email or group");

export const rosterStudentParams = z.object({ id: uuidSchema, studentNumber });

export const statusChangeSchema = z.strictObject({
  status: statusSchema,
  // Shown to the unit's other teachers and in exports.
  note: displayTextSchema({ allowEmpty: true })
    .refine((s) => s.length <= 200, "must have at most 200 characters")
    .meta({ maxLength: 200 })
    .optional(),
});

export const correctionSchema = z.strictObject({ studentNumber });

export const studentParams = z.object({ studentNumber });
