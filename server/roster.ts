/**
 * A course unit's roster: the enrolled students, shared by its team. Files are previewed (what would be
 * added, updated, left as is, removed or refused, line by line) and then applied in one transaction:
 * merge keeps students missing from the file, replace removes them. A file with any invalid row
 * changes nothing.
 */
import { requireTeam } from "./course-unit-team";
import { prisma } from "./db";
import { AppError, notFound } from "./errors";
import { pool } from "./pool";
import { parseRosterFile, type InvalidRow, type RosterEntry } from "./roster-file";
import { isUniqueViolation } from "./unique-violation";

export const rosterView = { studentNumber: true, name: true, email: true, group: true, updatedAt: true } as const;

export async function listRoster(teacherId: string, courseUnitId: string, group?: string) {
  await requireTeam(teacherId, courseUnitId);
  const items = await prisma.rosterStudent.findMany({
    where: { courseUnitId, ...(group ? { group } : {}) },
    orderBy: { studentNumber: "asc" },
    select: rosterView,
  });
  return { items };
}

export async function addRosterStudent(
  teacherId: string,
  courseUnitId: string,
  entry: { studentNumber: string; name: string; email?: string | null; group?: string | null },
) {
  await requireTeam(teacherId, courseUnitId);
  try {
    return await prisma.rosterStudent.create({ data: { courseUnitId, ...entry }, select: rosterView });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("VALIDATION_FAILED", { errors: [{ field: "studentNumber", code: "taken", message: "is on the roster already" }] });
    }
    throw err;
  }
}

export async function editRosterStudent(
  teacherId: string,
  courseUnitId: string,
  studentNumber: string,
  changes: { name?: string; email?: string | null; group?: string | null },
) {
  await requireTeam(teacherId, courseUnitId);
  const where = { courseUnitId_studentNumber: { courseUnitId, studentNumber } };
  if (!(await prisma.rosterStudent.findUnique({ where, select: { id: true } }))) throw notFound("student");
  return prisma.rosterStudent.update({ where, data: changes, select: rosterView });
}

export async function removeRosterStudent(teacherId: string, courseUnitId: string, studentNumber: string): Promise<void> {
  await requireTeam(teacherId, courseUnitId);
  const { count } = await prisma.rosterStudent.deleteMany({ where: { courseUnitId, studentNumber } });
  if (count === 0) throw notFound("student");
}

type Change = RosterEntry & { line: number };
export type RosterPreview = {
  mode: "merge" | "replace";
  counts: { add: number; update: number; unchanged: number; remove: number; invalid: number };
  add: Change[];
  update: (Change & { before: RosterEntry })[];
  remove: RosterEntry[];
  invalid: InvalidRow[];
};

async function diff(
  courseUnitId: string,
  bytes: Buffer,
  mode: "merge" | "replace",
): Promise<{ preview: RosterPreview; entries: Change[] }> {
  const parsed = await parseRosterFile(bytes);
  const current = await prisma.rosterStudent.findMany({
    where: { courseUnitId },
    select: { studentNumber: true, name: true, email: true, group: true },
  });
  const byNumber = new Map(current.map((s) => [s.studentNumber, s]));
  const add: Change[] = [];
  const update: (Change & { before: RosterEntry })[] = [];
  let unchanged = 0;
  for (const entry of parsed.entries) {
    const before = byNumber.get(entry.studentNumber);
    if (!before) add.push(entry);
    else if (before.name !== entry.name || before.email !== entry.email || before.group !== entry.group) update.push({ ...entry, before });
    else unchanged++;
  }
  const inFile = new Set(parsed.entries.map((e) => e.studentNumber));
  const remove = mode === "replace" ? current.filter((s) => !inFile.has(s.studentNumber)) : [];
  const counts = { add: add.length, update: update.length, unchanged, remove: remove.length, invalid: parsed.invalid.length };
  return { preview: { mode, counts, add, update, remove, invalid: parsed.invalid }, entries: parsed.entries };
}

/** What importing the file would do; changes nothing. */
export async function previewRosterImport(
  teacherId: string,
  courseUnitId: string,
  bytes: Buffer,
  mode: "merge" | "replace",
): Promise<RosterPreview> {
  await requireTeam(teacherId, courseUnitId);
  return (await diff(courseUnitId, bytes, mode)).preview;
}

/** Imports the file in one transaction; refuses a file with invalid rows without changing anything. */
export async function applyRosterImport(teacherId: string, courseUnitId: string, bytes: Buffer, mode: "merge" | "replace") {
  await requireTeam(teacherId, courseUnitId);
  const { entries, preview } = await diff(courseUnitId, bytes, mode);
  if (preview.invalid.length > 0) {
    throw new AppError("ROSTER_FILE_INVALID", {
      errors: preview.invalid
        .slice(0, 100)
        .map((row) => ({ field: `line ${row.line}`, code: "invalid_row", message: row.reasons.join("; ") })),
    });
  }
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    if (mode === "replace") {
      await client.query("DELETE FROM roster_students WHERE course_unit_id = $1 AND NOT (student_number = ANY($2::text[]))", [
        courseUnitId,
        entries.map((e) => e.studentNumber),
      ]);
    }
    // One statement for the whole file: thousands of rows cost one round trip.
    await client.query(
      `INSERT INTO roster_students (course_unit_id, student_number, name, email, class_group, updated_at)
       SELECT $1, n, nm, e, g, now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS f(n, nm, e, g)
       ON CONFLICT (course_unit_id, student_number) DO UPDATE
         SET name = EXCLUDED.name, email = EXCLUDED.email, class_group = EXCLUDED.class_group, updated_at = now()
         WHERE (roster_students.name, roster_students.email, roster_students.class_group)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.class_group)`,
      [
        courseUnitId,
        entries.map((e) => e.studentNumber),
        entries.map((e) => e.name),
        entries.map((e) => e.email),
        entries.map((e) => e.group),
      ],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return { mode, counts: preview.counts };
}
