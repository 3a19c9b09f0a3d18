/**
 * A sheet against its course unit's roster: every entry with its status, the roster students who did
 * not come, and the entries whose number is not on the roster, each with the roster numbers one typo
 * away as "did you mean". Only the unit's team sees the roster; to a teacher outside it (who may own
 * a sheet on a shared course unit) the sheet has no roster.
 */
import { oneTypoApart } from "@/lib/typo";
import { attendanceView } from "./attendances";
import { teamIds } from "./course-unit-team";
import { prisma } from "./db";
import { AppError, notFound } from "./errors";
import { getSheet } from "./sheets";
import { effectiveStatus } from "./statuses";
import { isUniqueViolation } from "./unique-violation";
import { signalSelect, withPresence } from "./presence/sheet-presence";

export async function sheetRosterCheck(teacherId: string, sheetId: string) {
  const sheet = await getSheet(teacherId, sheetId);
  const inTeam = (await teamIds(sheet.courseUnit.id)).includes(teacherId);
  const [entries, roster] = await Promise.all([
    prisma.attendance.findMany({
      where: { sheetId, removedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, studentNumber: true, name: true, createdAt: true, method: true, status: true, statusNote: true, ...signalSelect },
    }),
    inTeam
      ? prisma.rosterStudent.findMany({
          where: { courseUnitId: sheet.courseUnit.id },
          orderBy: { studentNumber: "asc" },
          select: { studentNumber: true, name: true, group: true },
        })
      : Promise.resolve([]),
  ]);
  const onRoster = new Set(roster.map((s) => s.studentNumber));
  const came = new Set(entries.map((e) => e.studentNumber));
  const absentees = roster.filter((s) => !came.has(s.studentNumber));
  const unknown = roster.length === 0 ? [] : entries.filter((e) => !onRoster.has(e.studentNumber));
  return {
    sheet,
    rosterSize: roster.length,
    lateAfter: sheet.lateAfter,
    entries: withPresence(entries).map((e) => ({
      studentNumber: e.studentNumber,
      name: e.name,
      createdAt: e.createdAt,
      method: e.method,
      status: effectiveStatus(e, sheet.lateAfter),
      statusNote: e.statusNote,
      onRoster: onRoster.has(e.studentNumber),
      receipt: e.receipt,
      flags: e.flags,
      review: e.review,
      correctedFrom: e.correctedFrom,
    })),
    absentees,
    notOnRoster: unknown.map((e) => ({
      studentNumber: e.studentNumber,
      name: e.name,
      // Absent roster students first: they are who a mistyped number most likely meant.
      suggestions: [...absentees, ...roster.filter((s) => came.has(s.studentNumber))]
        .filter((s) => oneTypoApart(e.studentNumber, s.studentNumber))
        .slice(0, 3)
        .map((s) => ({ studentNumber: s.studentNumber, name: s.name })),
    })),
  };
}

/** Moves an entry to the student number it should have had (a typo), keeping its time and how it came. */
export async function correctStudentNumber(teacherId: string, sheetId: string, from: string, to: string) {
  await getSheet(teacherId, sheetId);
  const where = { sheetId_studentNumber: { sheetId, studentNumber: from } };
  const existing = await prisma.attendance.findUnique({ where, select: { id: true } });
  if (!existing) throw notFound("attendance");
  try {
    return await prisma.attendance.update({
      where,
      data: { studentNumber: to },
      select: attendanceView,
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("VALIDATION_FAILED", { errors: [{ field: "studentNumber", code: "taken", message: "is on this sheet already" }] });
    }
    throw err;
  }
}
