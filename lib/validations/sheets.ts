import { z } from "zod";
import { locales } from "@/lib/i18n/locales";
import { pageQuerySchema, uuidSchema, wholeNumber } from "./common";
import { displayTextSchema } from "./text";
import { COURSE_UNIT_CODE_MAX, COURSE_UNIT_NAME_MAX, COURSE_UNIT_NAME_MIN, SUMMARY_MAX } from "./limits";

export const courseUnitCodeSchema = z
  .string({ error: "must be a string" })
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[A-Z0-9][A-Z0-9._-]{1,${COURSE_UNIT_CODE_MAX - 1}}$`),
    `must be 2 to ${COURSE_UNIT_CODE_MAX} letters, digits, dots, dashes or underscores`,
  );

export const createCourseUnitSchema = z.strictObject({
  code: courseUnitCodeSchema,
  // Seen by every teacher, who picks units from a shared list.
  name: displayTextSchema()
    .refine((s) => s.length >= COURSE_UNIT_NAME_MIN, `must have at least ${COURSE_UNIT_NAME_MIN} characters`)
    .refine((s) => s.length <= COURSE_UNIT_NAME_MAX, `must have at most ${COURSE_UNIT_NAME_MAX} characters`)
    .meta({ minLength: COURSE_UNIT_NAME_MIN, maxLength: COURSE_UNIT_NAME_MAX }),
});

export const courseUnitQuerySchema = z.strictObject({
  mine: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  q: z
    .string()
    .trim()
    .max(80)
    .refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters")
    .optional(),
});

/** A sheet's title, on several lines if need be; empty for none. */
const summarySchema = displayTextSchema({ multiline: true, allowEmpty: true })
  .refine((s) => s.length <= SUMMARY_MAX, `must have at most ${SUMMARY_MAX} characters`)
  .meta({ maxLength: SUMMARY_MAX });

export const createSheetSchema = z.strictObject({
  courseUnitId: uuidSchema,
  summary: summarySchema.default(""),
});

export const updateSheetSchema = z
  .strictObject({
    status: z.enum(["open", "closed"]).optional(),
    summary: summarySchema.optional(),
    lateAfter: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
      .transform((s) => new Date(s))
      .nullable()
      .meta({ example: "2026-11-30T09:15:00Z" })
      .optional(),
  })
  .refine(
    (v) => v.status !== undefined || v.summary !== undefined || v.lateAfter !== undefined,
    "give at least one of status, summary, lateAfter",
  )
  .meta({ minProperties: 1 });

export const sheetListQuerySchema = pageQuerySchema
  .extend({
    courseUnitId: uuidSchema.optional(),
    status: z.enum(["open", "closed"]).optional(),
  })
  .strict();

export const attendanceListQuerySchema = pageQuerySchema
  .extend({
    format: z.enum(["json", "csv", "xlsx"]).default("json"),
    lang: z.enum(locales).optional(),
    includeRemoved: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    limit: wholeNumber(1, 1000, { fromText: true }).default(500),
  })
  .strict();

/** Where a live stream starts: after this sequence number (`Last-Event-ID`, when sent, wins). */
export const sheetEventsQuerySchema = z.strictObject({
  after: wholeNumber(0, Number.MAX_SAFE_INTEGER, { fromText: true })
    .meta({ description: "Start after this change number (the version a page rendered). `Last-Event-ID` wins." })
    .optional(),
});
