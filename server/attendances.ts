/**
 * Attendances as the teacher manages them: entries added by hand, removal and its undo, and the list.
 * (Students' own check-ins are in checkin-store.ts.) One attendance per (sheet, student number) and per
 * (sheet, device) is enforced by unique constraints, so concurrent submissions can never create
 * duplicates, whichever instance takes them.
 */
import { ATTENDANCE_RETURNING, type AttendanceRow, type CheckinResult } from "./checkin-store";
import { prisma } from "./db";
import { pool } from "./pool";
import { notFound } from "./errors";
import { assertOwnsSheet } from "./sheets";
import { decodeCursor, page } from "./pagination";
import type { ListQuery } from "./http/list-poll";
import { signalSelect, withPresence } from "./presence/sheet-presence";
import type { Prisma, SheetStatus } from "./generated/prisma/client";

export const attendanceView = {
  id: true,
  studentNumber: true,
  name: true,
  method: true,
  createdAt: true,
  removedAt: true,
} as const satisfies Prisma.AttendanceSelect;

export type AttendanceView = Prisma.AttendanceGetPayload<{ select: typeof attendanceView }>;

/** The teacher adds a student by hand, at any time; a removed entry for that number comes back. */
export async function addByTeacher(
  ownerId: string,
  sheetId: string,
  input: { studentNumber: string; name: string },
): Promise<CheckinResult> {
  await assertOwnsSheet(ownerId, sheetId);
  const { rows } = await pool().query<AttendanceRow>({
    text: `INSERT INTO attendances (sheet_id, student_number, name, method)
      VALUES ($1, $2, $3, 'teacher') ON CONFLICT (sheet_id, student_number) DO NOTHING ${ATTENDANCE_RETURNING}`,
    values: [sheetId, input.studentNumber, input.name],
  });
  const row = rows[0];
  if (row) return { attendance: row, created: true };
  const existing = await prisma.attendance.findUniqueOrThrow({
    where: { sheetId_studentNumber: { sheetId, studentNumber: input.studentNumber } },
    select: attendanceView,
  });
  if (!existing.removedAt) return { attendance: existing, created: false };
  return { attendance: await setRemoved(ownerId, sheetId, input.studentNumber, false), created: false };
}

async function setRemoved(ownerId: string, sheetId: string, studentNumber: string, removed: boolean): Promise<AttendanceView> {
  await assertOwnsSheet(ownerId, sheetId);
  const where = { sheetId_studentNumber: { sheetId, studentNumber } };
  const current = await prisma.attendance.findUnique({ where, select: { removedAt: true } });
  if (!current) throw notFound("attendance");
  // Removing twice keeps the first removal's record; restoring twice is a no-op.
  if (Boolean(current.removedAt) === removed) {
    return prisma.attendance.findUniqueOrThrow({ where, select: attendanceView });
  }
  return prisma.attendance.update({
    where,
    data: removed ? { removedAt: new Date(), removedById: ownerId } : { removedAt: null, removedById: null },
    select: attendanceView,
  });
}

export const removeAttendance = (ownerId: string, sheetId: string, studentNumber: string) =>
  setRemoved(ownerId, sheetId, studentNumber, true);

export const restoreAttendance = (ownerId: string, sheetId: string, studentNumber: string) =>
  setRemoved(ownerId, sheetId, studentNumber, false);

/** The sheet's list in check-in order (oldest first), as the teacher reads it. */
export async function listAttendances(ownerId: string, sheetId: string, query: ListQuery, known?: { status: SheetStatus }) {
  const { status } = known ?? (await assertOwnsSheet(ownerId, sheetId));
  const cursor = decodeCursor(query.cursor);
  const rows = await prisma.attendance.findMany({
    where: {
      sheetId,
      ...(query.includeRemoved ? {} : { removedAt: null }),
      ...(cursor ? { OR: [{ createdAt: { gt: cursor.at } }, { createdAt: cursor.at, id: { gt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: { ...attendanceView, ...signalSelect },
  });
  // The sheet's status rides along (and into the ETag), so a page polling the list also sees the sheet
  // closed or reopened from another device.
  return { ...page(withPresence(rows), query.limit), sheetStatus: status };
}

/** Every current entry of a sheet, with its presence flags, for export. */
export async function allAttendances(ownerId: string, sheetId: string) {
  await assertOwnsSheet(ownerId, sheetId);
  const rows = await prisma.attendance.findMany({
    where: { sheetId, removedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { ...attendanceView, ...signalSelect },
  });
  return withPresence(rows);
}
