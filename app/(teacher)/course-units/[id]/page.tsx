import type { Metadata } from "next";
import Link from "next/link";
import { format } from "@/lib/i18n/messages";
import { requireTeacher } from "@/server/auth/session";
import { listTeam } from "@/server/course-unit-team";
import { getMessages } from "@/server/i18n";
import { teamUnit } from "@/server/pages/team-unit";
import { listRoster } from "@/server/roster";
import { RosterManager } from "./roster-manager";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const teacher = await requireTeacher(`/course-units/${id}`);
  const unit = await teamUnit(teacher.id, id);
  return { title: format((await getMessages()).t.roster.title, { code: unit.code }) };
}

export default async function CourseUnitPage({ params }: Params) {
  const { id } = await params;
  const teacher = await requireTeacher(`/course-units/${id}`);
  const unit = await teamUnit(teacher.id, id);
  const [{ t }, roster, team] = await Promise.all([getMessages(), listRoster(teacher.id, id), listTeam(teacher.id, id)]);
  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{format(t.roster.title, { code: unit.code })}</h1>
          <p className="mt-1 text-slate-700">{format(t.roster.lead, { name: unit.name })}</p>
        </div>
        <Link href={`/course-units/${unit.id}/report`} className="btn-primary">
          {t.roster.reportLink}
        </Link>
      </header>
      <RosterManager
        unit={{ id: unit.id, role: unit.role, lateAfterMinutes: unit.lateAfterMinutes, minimumRate: unit.minimumRate }}
        me={teacher.id}
        initialRoster={roster.items.map((s) => ({ ...s, updatedAt: s.updatedAt.toISOString() }))}
        initialTeam={team.items}
        t={t.roster}
        common={t.common}
        fields={t.fields}
      />
    </div>
  );
}
