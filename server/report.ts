/**
 * The term report of a course unit (or one of its class groups): every roster student's status at every
 * session of the team, their attendance rate, per-session counts and the spread of rates against the
 * unit's minimum. Without a roster, the students are whoever registered. A student's rate counts
 * present and late sessions out of the sessions they were not excused from.
 */
import { requireTeam, teamIds } from "./course-unit-team";
import { prisma } from "./db";
import { pool } from "./pool";
import { effectiveStatus, type AttendanceStatus } from "./statuses";

export type ReportSession = {
  id: string;
  code: string;
  summary: string;
  openedAt: Date;
  counts: Record<AttendanceStatus, number> & { erased: number };
};

export type ReportStudent = {
  studentNumber: string;
  name: string;
  group: string | null;
  onRoster: boolean;
  statuses: AttendanceStatus[];
  counts: Record<AttendanceStatus, number>;
  rate: number | null;
  belowMinimum: boolean;
};

export type TermReport = {
  courseUnit: { id: string; code: string; name: string; minimumRate: number; lateAfterMinutes: number };
  group: string | null;
  groups: string[];
  sessions: ReportSession[];
  students: ReportStudent[];
  distribution: { from: number; to: number; students: number }[];
  generatedAt: Date;
};

const zero = (): Record<AttendanceStatus, number> => ({ present: 0, late: 0, excused: 0, absent: 0 });

export async function termReport(teacherId: string, courseUnitId: string, group?: string): Promise<TermReport> {
  const unit = await requireTeam(teacherId, courseUnitId);
  const team = await teamIds(courseUnitId);
  const [sheets, roster, groups] = await Promise.all([
    prisma.sheet.findMany({
      where: { courseUnitId, ownerId: { in: team } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, code: true, summary: true, createdAt: true, lateAfter: true, _count: { select: { erasures: true } } },
    }),
    prisma.rosterStudent.findMany({
      where: { courseUnitId, ...(group ? { group } : {}) },
      orderBy: { studentNumber: "asc" },
      select: { studentNumber: true, name: true, group: true },
    }),
    prisma.rosterStudent.findMany({
      where: { courseUnitId, group: { not: null } },
      distinct: ["group"],
      select: { group: true },
      orderBy: { group: "asc" },
    }),
  ]);
  const { rows: entries } = await pool().query<{
    sheet_id: string;
    student_number: string;
    name: string;
    created_at: Date;
    status: AttendanceStatus | null;
  }>(
    `SELECT sheet_id, student_number, name, created_at, status FROM attendances
     WHERE sheet_id = ANY($1::uuid[]) AND removed_at IS NULL`,
    [sheets.map((s) => s.id)],
  );
  const sessionIndex = new Map(sheets.map((s, i) => [s.id, i]));
  const students = new Map<string, { name: string; group: string | null; onRoster: boolean; statuses: AttendanceStatus[] }>();
  const blank = (): AttendanceStatus[] => sheets.map(() => "absent");
  for (const s of roster) students.set(s.studentNumber, { name: s.name, group: s.group, onRoster: true, statuses: blank() });
  const withoutRoster = roster.length === 0 && !group;
  for (const e of entries) {
    let student = students.get(e.student_number);
    if (!student && withoutRoster) {
      student = { name: e.name, group: null, onRoster: false, statuses: blank() };
      students.set(e.student_number, student);
    }
    const index = sessionIndex.get(e.sheet_id);
    const sheet = index === undefined ? undefined : sheets[index];
    if (student && sheet && index !== undefined) {
      student.statuses[index] = effectiveStatus({ status: e.status, createdAt: e.created_at }, sheet.lateAfter);
    }
  }
  const sessions: ReportSession[] = sheets.map((s) => ({
    id: s.id,
    code: s.code,
    summary: s.summary,
    openedAt: s.createdAt,
    counts: { ...zero(), erased: s._count.erasures },
  }));
  const rows: ReportStudent[] = [...students]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([studentNumber, s]) => {
      const counts = zero();
      s.statuses.forEach((status, i) => {
        counts[status]++;
        const session = sessions[i];
        if (session) session.counts[status]++;
      });
      const counted = sheets.length - counts.excused;
      const rate = counted > 0 ? Math.round(((counts.present + counts.late) / counted) * 1000) / 10 : null;
      return { studentNumber, ...s, counts, rate, belowMinimum: rate !== null && rate < unit.minimumRate };
    });
  const distribution = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, students: 0 }));
  for (const { rate } of rows) {
    const bucket = rate === null ? undefined : distribution[Math.min(9, Math.floor(rate / 10))];
    if (bucket) bucket.students++;
  }
  return {
    courseUnit: { id: unit.id, code: unit.code, name: unit.name, minimumRate: unit.minimumRate, lateAfterMinutes: unit.lateAfterMinutes },
    group: group ?? null,
    groups: groups.flatMap((g) => (g.group ? [g.group] : [])),
    sessions,
    students: rows,
    distribution,
    generatedAt: new Date(),
  };
}
