/**
 * Attendances: student check-ins, entries added by the teacher, removal and its undo, and the list.
 * One attendance per (sheet, student number) and per (sheet, device) is enforced by unique constraints,
 * so concurrent submissions can never create duplicates, whichever instance takes them.
 */
import { createHmac } from "node:crypto";
import { config } from "./config";
import { pool, prisma } from "./db";
import { AppError, notFound } from "./errors";
import { assertOwnsSheet } from "./sheets";
import { decodeCursor, page } from "./pagination";
import type { CheckinMethod, Prisma } from "./generated/prisma/client";

export const attendanceView = {
  id: true,
  studentNumber: true,
  name: true,
  method: true,
  createdAt: true,
  removedAt: true,
} as const satisfies Prisma.AttendanceSelect;

export type AttendanceView = Prisma.AttendanceGetPayload<{ select: typeof attendanceView }>;

export type CheckinResult = { attendance: AttendanceView; created: boolean };

/** Device ids are hashed with a server key: the database never holds what a browser sent. */
export function hashDeviceId(deviceId: string): string {
  return createHmac("sha256", config().AUTH_SECRET).update(`device|${deviceId}`).digest("base64url");
}

type InsertedRow = { id: string; studentNumber: string; name: string; method: CheckinMethod; createdAt: Date };

const RETURNING = `RETURNING id, student_number AS "studentNumber", name, method, created_at AS "createdAt"`;

/**
 * A student's check-in. The common case is one statement: it inserts only while the sheet is open, and
 * the unique constraints make it a no-op for a repeat or a device already used. Only when nothing was
 * inserted do we look up why. Hundreds of these arrive in the first minutes of a class, so the statement
 * is a plain parameterised statement on the shared pool rather than an ORM query. (Statements are
 * not named: the embedded PostgreSQL shares one session between connections, where names collide.)
 */
export async function checkIn(input: {
  sheetId: string;
  studentNumber: string;
  name: string;
  method: "qr" | "code";
  deviceId: string;
}): Promise<CheckinResult> {
  const deviceHash = hashDeviceId(input.deviceId);
  const { rows } = await pool().query<InsertedRow>({
    text: `INSERT INTO attendances (sheet_id, student_number, name, method, device_hash)
      SELECT s.id, $2, $3, $4::checkin_method, $5 FROM sheets s WHERE s.id = $1 AND s.status = 'open'
      ON CONFLICT DO NOTHING ${RETURNING}`,
    values: [input.sheetId, input.studentNumber, input.name, input.method, deviceHash],
  });
  const row = rows[0];
  if (row) return { attendance: { ...row, removedAt: null }, created: true };

  const [existing, sheet, deviceUsed] = await Promise.all([
    prisma.attendance.findUnique({
      where: { sheetId_studentNumber: { sheetId: input.sheetId, studentNumber: input.studentNumber } },
      select: attendanceView,
    }),
    prisma.sheet.findUnique({ where: { id: input.sheetId }, select: { status: true } }),
    prisma.attendance.count({ where: { sheetId: input.sheetId, deviceHash } }),
  ]);
  if (existing) {
    if (existing.removedAt) throw new AppError("ATTENDANCE_REMOVED");
    return { attendance: existing, created: false };
  }
  if (!sheet) throw notFound("sheet");
  if (sheet.status === "closed") throw new AppError("SHEET_CLOSED");
  if (deviceUsed) throw new AppError("DEVICE_ALREADY_USED");
  // The conflicting row was removed between the two statements (an undo raced us): try again.
  return checkIn(input);
}

/** The teacher adds a student by hand, at any time; a removed entry for that number comes back. */
export async function addByTeacher(
  ownerId: string,
  sheetId: string,
  input: { studentNumber: string; name: string },
): Promise<CheckinResult> {
  await assertOwnsSheet(ownerId, sheetId);
  const { rows } = await pool().query<InsertedRow>({
    text: `INSERT INTO attendances (sheet_id, student_number, name, method)
      VALUES ($1, $2, $3, 'teacher') ON CONFLICT (sheet_id, student_number) DO NOTHING ${RETURNING}`,
    values: [sheetId, input.studentNumber, input.name],
  });
  const row = rows[0];
  if (row) return { attendance: { ...row, removedAt: null }, created: true };
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
export async function listAttendances(
  ownerId: string,
  sheetId: string,
  query: { cursor?: string; limit: number; includeRemoved: boolean },
) {
  await assertOwnsSheet(ownerId, sheetId);
  const cursor = decodeCursor(query.cursor);
  const rows = await prisma.attendance.findMany({
    where: {
      sheetId,
      ...(query.includeRemoved ? {} : { removedAt: null }),
      ...(cursor ? { OR: [{ createdAt: { gt: cursor.at } }, { createdAt: cursor.at, id: { gt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: attendanceView,
  });
  return page(rows, query.limit);
}

/** Every current entry of a sheet, for export. */
export async function allAttendances(ownerId: string, sheetId: string): Promise<AttendanceView[]> {
  await assertOwnsSheet(ownerId, sheetId);
  return prisma.attendance.findMany({
    where: { sheetId, removedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: attendanceView,
  });
}
