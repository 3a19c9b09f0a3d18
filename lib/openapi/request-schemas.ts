/**
 * The zod schemas the endpoints validate requests with, by the name the OpenAPI document gives them.
 * scripts/build-openapi.ts turns them into the document's request bodies (`#/components/schemas/<name>`)
 * and query parameters (`x-query: <name>` in a route's @openapi comment), so the contract is the code.
 */
import type { z } from "zod";
import { changePasswordSchema, createTokenSchema, registerSchema, updateProfileSchema } from "@/lib/validations/accounts";
import { ticketRequestSchema } from "@/lib/validations/checkin";
import { presenceSettingsSchema } from "@/lib/validations/presence";
import {
  attendanceListQuerySchema,
  courseUnitQuerySchema,
  createCourseUnitSchema,
  createSheetSchema,
  sheetEventsQuerySchema,
  sheetListQuerySchema,
  updateSheetSchema,
} from "@/lib/validations/sheets";
import { addMemberSchema, importQuerySchema, reportQuerySchema, rosterQuerySchema, unitSettingsSchema } from "@/lib/validations/rosters";
import {
  checkinSchema,
  correctionSchema,
  rosterEditSchema,
  rosterEntrySchema,
  statusChangeSchema,
  teacherAddSchema,
} from "@/server/student-input";

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
  UnitSettings: unitSettingsSchema,
  NewMember: addMemberSchema,
  RosterEntry: rosterEntrySchema,
  RosterEdit: rosterEditSchema,
  StatusChange: statusChangeSchema,
  AttendanceCorrection: correctionSchema,
  PresenceSettings: presenceSettingsSchema,
} satisfies Record<string, z.ZodType>;

export const queries = {
  CourseUnitQuery: courseUnitQuerySchema,
  SheetListQuery: sheetListQuerySchema,
  AttendanceListQuery: attendanceListQuerySchema,
  SheetEventsQuery: sheetEventsQuerySchema,
  ReportQuery: reportQuerySchema,
  RosterQuery: rosterQuerySchema,
  ImportQuery: importQuerySchema,
} satisfies Record<string, z.ZodObject>;
