/**
 * One student's data in the teacher's reach (the right of access) and its erasure (the right to
 * erasure): roster entries of the units whose team the teacher is in, and attendance entries on the
 * sheets the teacher can see. Erasing deletes them and records only that an entry of a session was
 * erased, so the term report can say so without keeping who it was.
 */
import { prisma } from "./db";
import { notFound } from "./errors";
import { sheetScope } from "./sheet-access";
import { effectiveStatus } from "./statuses";

async function teamUnitIds(teacherId: string): Promise<string[]> {
  const units = await prisma.courseUnit.findMany({
    where: { OR: [{ ownerId: teacherId }, { members: { some: { teacherId } } }] },
    select: { id: true },
  });
  return units.map((u) => u.id);
}

export async function studentData(teacherId: string, studentNumber: string) {
  const [units, scope] = await Promise.all([teamUnitIds(teacherId), sheetScope(teacherId)]);
  const [rosters, attendances] = await Promise.all([
    prisma.rosterStudent.findMany({
      where: { studentNumber, courseUnitId: { in: units } },
      select: { name: true, email: true, group: true, courseUnit: { select: { id: true, code: true, name: true } } },
      orderBy: { courseUnit: { code: "asc" } },
    }),
    prisma.attendance.findMany({
      where: { studentNumber, sheet: scope },
      orderBy: { createdAt: "asc" },
      select: {
        name: true,
        createdAt: true,
        method: true,
        status: true,
        statusNote: true,
        removedAt: true,
        sheet: {
          select: {
            id: true,
            code: true,
            summary: true,
            createdAt: true,
            lateAfter: true,
            courseUnit: { select: { id: true, code: true, name: true } },
          },
        },
      },
    }),
  ]);
  if (rosters.length === 0 && attendances.length === 0) throw notFound("student");
  return {
    studentNumber,
    rosters,
    attendances: attendances.map(({ sheet, ...a }) => ({
      ...a,
      status: effectiveStatus(a, sheet.lateAfter),
      sheet: { id: sheet.id, code: sheet.code, summary: sheet.summary, openedAt: sheet.createdAt, courseUnit: sheet.courseUnit },
    })),
  };
}

/** Deletes the student's roster and attendance entries in the teacher's reach, in one transaction. */
export async function eraseStudent(teacherId: string, studentNumber: string) {
  const [units, scope] = await Promise.all([teamUnitIds(teacherId), sheetScope(teacherId)]);
  return prisma.$transaction(async (tx) => {
    const entries = await tx.attendance.findMany({
      where: { studentNumber, sheet: scope },
      select: { id: true, sheetId: true, sheet: { select: { courseUnitId: true } } },
    });
    const roster = await tx.rosterStudent.deleteMany({ where: { studentNumber, courseUnitId: { in: units } } });
    if (entries.length === 0 && roster.count === 0) throw notFound("student");
    await tx.erasedEntry.createMany({ data: entries.map((e) => ({ sheetId: e.sheetId, courseUnitId: e.sheet.courseUnitId })) });
    await tx.attendance.deleteMany({ where: { id: { in: entries.map((e) => e.id) } } });
    return { studentNumber, erased: { attendances: entries.length, rosterEntries: roster.count } };
  });
}
