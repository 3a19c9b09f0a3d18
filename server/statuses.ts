/**
 * Present, late, excused, absent. A check-in is present, or late when it came after the sheet's
 * "late after" time; a teacher's choice overrides either (stored only then, so the check-in SQL stays
 * as it is). Excusing a roster student who did not come creates their entry with that status.
 */
import { attendanceView, type AttendanceView } from "./attendances";
import { teamIds } from "./course-unit-team";
import { prisma } from "./db";
import { notFound } from "./errors";
import { getSheet } from "./sheets";
import type { AttendanceStatus } from "./generated/prisma/client";

export type { AttendanceStatus };

export function effectiveStatus(entry: { status: AttendanceStatus | null; createdAt: Date }, lateAfter: Date | null): AttendanceStatus {
  if (entry.status) return entry.status;
  return lateAfter && entry.createdAt > lateAfter ? "late" : "present";
}

export type StatusView = AttendanceView & { status: AttendanceStatus; statusNote: string | null };

/** Sets an entry's status (a removed entry comes back with it); a roster student without one gets one. */
export async function setAttendanceStatus(
  teacherId: string,
  sheetId: string,
  studentNumber: string,
  change: { status: AttendanceStatus; note?: string },
): Promise<StatusView> {
  const sheet = await getSheet(teacherId, sheetId);
  const where = { sheetId_studentNumber: { sheetId, studentNumber } };
  const data = { status: change.status, statusNote: change.note || null, removedAt: null, removedById: null };
  const select = { ...attendanceView, status: true, statusNote: true } as const;
  const existing = await prisma.attendance.findUnique({ where, select: { id: true } });
  let row;
  if (existing) {
    row = await prisma.attendance.update({ where, data, select });
  } else {
    const inTeam = (await teamIds(sheet.courseUnit.id)).includes(teacherId);
    const student = inTeam
      ? await prisma.rosterStudent.findUnique({
          where: { courseUnitId_studentNumber: { courseUnitId: sheet.courseUnit.id, studentNumber } },
          select: { name: true },
        })
      : null;
    if (!student) throw notFound("attendance");
    row = await prisma.attendance.upsert({
      where,
      create: { sheetId, studentNumber, name: student.name, method: "teacher", ...data },
      update: data,
      select,
    });
  }
  return { ...row, status: effectiveStatus(row, sheet.lateAfter) };
}
