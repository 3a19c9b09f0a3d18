import { z } from "zod";
import { pageQuerySchema, uuidSchema } from "./common";

export const courseUnitCodeSchema = z
  .string({ error: "must be a string" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{1,19}$/, "must be 2 to 20 letters, digits, dots, dashes or underscores");

export const createCourseUnitSchema = z.strictObject({
  code: courseUnitCodeSchema,
  name: z.string({ error: "must be a string" }).trim().min(2).max(160).refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters"),
});

export const courseUnitQuerySchema = z.strictObject({
  mine: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  q: z.string().trim().max(80).refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters").optional(),
});

const summarySchema = z
  .string({ error: "must be a string" })
  .trim()
  .max(500, "must have at most 500 characters")
  .refine((s) => !/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(s), "must not contain control characters");

export const createSheetSchema = z.strictObject({
  courseUnitId: uuidSchema,
  summary: summarySchema.default(""),
});

export const updateSheetSchema = z
  .strictObject({ status: z.enum(["open", "closed"]).optional(), summary: summarySchema.optional() })
  .refine((v) => v.status !== undefined || v.summary !== undefined, "give at least one of status, summary")
  .meta({ minProperties: 1 });

export const sheetListQuerySchema = pageQuerySchema.extend({
  courseUnitId: uuidSchema.optional(),
  status: z.enum(["open", "closed"]).optional(),
}).strict();

export const attendanceListQuerySchema = pageQuerySchema.extend({
  format: z.enum(["json", "csv"]).default("json"),
  includeRemoved: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(1000).default(500),
}).strict();

/** Where a live stream starts: after this sequence number (`Last-Event-ID`, when sent, wins). */
export const sheetEventsQuerySchema = z.strictObject({
  after: z.coerce
    .number({ error: "must be a number" })
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .meta({ description: "Start after this change number (the version a page rendered). `Last-Event-ID` wins." })
    .optional(),
});
