/**
 * A course unit's teaching team: its owner (the teacher who added the unit, or the first to open a sheet
 * on it) and the co-teachers the owner invites. The team shares the roster, the sheets and the report.
 * To anyone outside the team, the unit's team resources answer 404, exactly like a missing unit.
 */
import { prisma } from "./db";
import { pool } from "./pool";
import { AppError, notFound } from "./errors";

export type TeamUnit = { id: string; code: string; name: string; ownerId: string | null; lateAfterMinutes: number; minimumRate: number };
export type TeamRole = "owner" | "member";

const unitView = { id: true, code: true, name: true, ownerId: true, lateAfterMinutes: true, minimumRate: true } as const;

/** Makes the teacher the unit's owner when it has none yet (atomic: two first teachers cannot both win). */
export async function claimUnitIfUnled(teacherId: string, courseUnitId: string): Promise<void> {
  await pool().query("UPDATE course_units SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL", [teacherId, courseUnitId]);
}

/** The unit and the teacher's role in its team; a unit the teacher is not in is "not found". */
export async function requireTeam(teacherId: string, courseUnitId: string): Promise<TeamUnit & { role: TeamRole }> {
  const unit = await prisma.courseUnit.findFirst({
    where: { id: courseUnitId, OR: [{ ownerId: teacherId }, { members: { some: { teacherId } } }] },
    select: unitView,
  });
  if (!unit) throw notFound("courseUnit");
  return { ...unit, role: unit.ownerId === teacherId ? "owner" : "member" };
}

async function requireOwner(teacherId: string, courseUnitId: string): Promise<TeamUnit> {
  const unit = await requireTeam(teacherId, courseUnitId);
  if (unit.role !== "owner") throw new AppError("NOT_TEAM_OWNER");
  return unit;
}

/** Every teacher of the unit's team (owner first), for anyone in it. */
export async function listTeam(teacherId: string, courseUnitId: string) {
  const unit = await requireTeam(teacherId, courseUnitId);
  const [owner, members] = await Promise.all([
    unit.ownerId ? prisma.teacher.findUnique({ where: { id: unit.ownerId }, select: { id: true, name: true, email: true } }) : null,
    prisma.courseUnitMember.findMany({
      where: { courseUnitId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, teacher: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  return {
    items: [...(owner ? [{ ...owner, role: "owner" as const }] : []), ...members.map((m) => ({ ...m.teacher, role: "member" as const }))],
  };
}

/** The owner adds an existing teacher by e-mail; adding a member twice is a no-op. */
export async function addCoTeacher(ownerId: string, courseUnitId: string, email: string) {
  await requireOwner(ownerId, courseUnitId);
  const teacher = await prisma.teacher.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  if (!teacher) {
    throw new AppError("VALIDATION_FAILED", { errors: [{ field: "email", code: "not_found", message: "is not a registered teacher" }] });
  }
  if (teacher.id === ownerId) {
    throw new AppError("VALIDATION_FAILED", { errors: [{ field: "email", code: "owner", message: "is the owner already" }] });
  }
  const { rowCount } = await pool().query(
    "INSERT INTO course_unit_members (course_unit_id, teacher_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    [courseUnitId, teacher.id],
  );
  return { teacher: { ...teacher, role: "member" as const }, created: rowCount === 1 };
}

/** The owner removes a co-teacher, or a co-teacher leaves; the owner cannot be removed. */
export async function removeCoTeacher(teacherId: string, courseUnitId: string, memberId: string): Promise<void> {
  const unit = await requireTeam(teacherId, courseUnitId);
  if (unit.role !== "owner" && memberId !== teacherId) throw new AppError("NOT_TEAM_OWNER");
  const { count } = await prisma.courseUnitMember.deleteMany({ where: { courseUnitId, teacherId: memberId } });
  if (count === 0) throw notFound("teacher");
}

/** The unit's settings, changed by anyone in its team. */
export async function updateUnitSettings(
  teacherId: string,
  courseUnitId: string,
  changes: { lateAfterMinutes?: number; minimumRate?: number },
) {
  const { role } = await requireTeam(teacherId, courseUnitId);
  return { ...(await prisma.courseUnit.update({ where: { id: courseUnitId }, data: changes, select: unitView })), role };
}

/** The ids of every teacher in the unit's team. */
export async function teamIds(courseUnitId: string): Promise<string[]> {
  const { rows } = await pool().query<{ id: string }>(
    `SELECT owner_id AS id FROM course_units WHERE id = $1 AND owner_id IS NOT NULL
     UNION SELECT teacher_id FROM course_unit_members WHERE course_unit_id = $1`,
    [courseUnitId],
  );
  return rows.map((r) => r.id);
}

/** The units whose team the teacher is in, for navigation. */
export function listTeamUnits(teacherId: string) {
  return prisma.courseUnit.findMany({
    where: { OR: [{ ownerId: teacherId }, { members: { some: { teacherId } } }] },
    orderBy: { code: "asc" },
    select: { id: true, code: true, name: true },
  });
}
