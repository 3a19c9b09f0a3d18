/**
 * Who may see and change a sheet: its owner, and the teachers of its course unit's team when the owner
 * is in that team too (a teacher outside the team keeps their sheets on a shared course unit to
 * themselves). Every sheet lookup filters with this, so anyone else gets the same 404 as for a missing sheet.
 */
import type { QueryResultRow } from "pg";
import { notFound } from "./errors";
import { pool } from "./pool";
import type { Prisma } from "./generated/prisma/client";

export async function sheetScope(teacherId: string): Promise<Prisma.SheetWhereInput> {
  const { rows } = await pool().query<{ unit: string; teacher: string }>(
    `WITH mine AS (
       SELECT id FROM course_units WHERE owner_id = $1
       UNION SELECT course_unit_id FROM course_unit_members WHERE teacher_id = $1)
     SELECT cu.id AS unit, cu.owner_id AS teacher FROM course_units cu JOIN mine ON mine.id = cu.id
     UNION ALL SELECT m.course_unit_id, m.teacher_id FROM course_unit_members m JOIN mine ON mine.id = m.course_unit_id`,
    [teacherId],
  );
  const teams = new Map<string, string[]>();
  for (const { unit, teacher } of rows) teams.set(unit, [...(teams.get(unit) ?? []), teacher]);
  return {
    OR: [{ ownerId: teacherId }, ...[...teams].map(([courseUnitId, ids]) => ({ courseUnitId, ownerId: { in: ids } }))],
  };
}

/**
 * The same rule as a SQL condition on `sheets s`, for the paths that read a sheet without the ORM.
 * `teacher` is the placeholder of the teacher's id, e.g. "$2".
 */
function sheetAccessSql(teacher: string): string {
  const inTeam = (who: string) =>
    `(cu.owner_id = ${who} OR EXISTS (SELECT 1 FROM course_unit_members m WHERE m.course_unit_id = cu.id AND m.teacher_id = ${who}))`;
  return `(s.owner_id = ${teacher}::uuid OR EXISTS (SELECT 1 FROM course_units cu WHERE cu.id = s.course_unit_id
    AND ${inTeam(`${teacher}::uuid`)} AND ${inTeam("s.owner_id")}))`;
}

/**
 * These columns of `sheets s` for one sheet within the teacher's reach, read without the ORM (live
 * streams, unchanged polls, the projection's codes). A sheet outside it is indistinguishable from a
 * missing one.
 */
export async function accessibleSheetRow<T extends QueryResultRow>(teacherId: string, sheetId: string, columns: string): Promise<T> {
  const { rows } = await pool().query<T>({
    text: `SELECT ${columns} FROM sheets s WHERE s.id = $1 AND ${sheetAccessSql("$2")}`,
    values: [sheetId, teacherId],
  });
  const row = rows[0];
  if (!row) throw notFound("sheet");
  return row;
}
