/**
 * The zod schemas the endpoints validate requests with, by the name the OpenAPI document gives them.
 * scripts/build-openapi.ts turns them into the document's request bodies (`#/components/schemas/<name>`)
 * and query parameters (`x-query: <name>` in a route's @openapi comment), so the contract is the code.
 */
import type { z } from "zod";
import { changePasswordSchema, createTokenSchema, registerSchema, updateProfileSchema } from "@/lib/validations/accounts";
import { ticketRequestSchema } from "@/lib/validations/checkin";
import {
  attendanceListQuerySchema,
  courseUnitQuerySchema,
  createCourseUnitSchema,
  createSheetSchema,
  sheetEventsQuerySchema,
  sheetListQuerySchema,
  updateSheetSchema,
} from "@/lib/validations/sheets";
import { checkinSchema, teacherAddSchema } from "@/server/student-input";

export const requestBodies = {
  NewAccount: registerSchema,
  NewToken: createTokenSchema,
  ProfileChange: updateProfileSchema,
  PasswordChange: changePasswordSchema,
  NewCourseUnit: createCourseUnitSchema,
  NewSheet: createSheetSchema,
  SheetUpdate: updateSheetSchema,
  TeacherAddition: teacherAddSchema,
  TicketRequest: ticketRequestSchema,
  CheckinRequest: checkinSchema,
} satisfies Record<string, z.ZodType>;

export const queries = {
  CourseUnitQuery: courseUnitQuerySchema,
  SheetListQuery: sheetListQuerySchema,
  AttendanceListQuery: attendanceListQuerySchema,
  SheetEventsQuery: sheetEventsQuerySchema,
} satisfies Record<string, z.ZodObject>;
