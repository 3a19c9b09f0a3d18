import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { LocalTime } from "@/components/local-time";
import { format, intlLocale } from "@/lib/i18n/messages";
import { uuidSchema } from "@/lib/validations/common";
import { requireTeacher } from "@/server/auth/session";
import { listTeamUnits } from "@/server/course-unit-team";
import { listCourseUnits } from "@/server/course-units";
import { AppError } from "@/server/errors";
import { getMessages } from "@/server/i18n";
import { listSheets } from "@/server/sheets";
import { NewSheetForm } from "./new-sheet-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.dashboard.title };
}

const querySchema = z.object({ unit: uuidSchema.optional().catch(undefined), cursor: z.string().max(200).optional().catch(undefined) });

async function sheetsPage(teacherId: string, unit: string | undefined, cursor: string | undefined) {
  try {
    return await listSheets(teacherId, { courseUnitId: unit, cursor, limit: 20 });
  } catch (err) {
    // A tampered cursor shows the first page rather than an error.
    if (err instanceof AppError && err.code === "VALIDATION_FAILED") return listSheets(teacherId, { courseUnitId: unit, limit: 20 });
    throw err;
  }
}

export default async function Dashboard({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const teacher = await requireTeacher("/dashboard");
  const { unit, cursor } = querySchema.parse(await searchParams);
  const [{ locale, t }, allUnits, myUnits, sheets, teamUnits] = await Promise.all([
    getMessages(),
    listCourseUnits({ teacherId: teacher.id, mine: false }),
    listCourseUnits({ teacherId: teacher.id, mine: true }),
    sheetsPage(teacher.id, unit, cursor),
    listTeamUnits(teacher.id),
  ]);
  const d = t.dashboard;
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-bold">{d.title}</h1>
      <section className="card" aria-labelledby="new-sheet">
        <h2 id="new-sheet" className="text-lg font-semibold">
          {d.newSheet}
        </h2>
        <NewSheetForm
          units={allUnits}
          preferred={sheets.items[0]?.courseUnit.id ?? myUnits[0]?.id}
          t={d}
          fields={t.fields}
          common={t.common}
        />
      </section>
      {teamUnits.length > 0 ? (
        <nav aria-labelledby="units-title" className="grid gap-2">
          <h2 id="units-title" className="text-lg font-semibold">
            {d.courseUnits}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {teamUnits.map((u) => (
              <li key={u.id}>
                <Link href={`/course-units/${u.id}`} className="btn-secondary btn-small">
                  {u.code} · {u.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <section aria-labelledby="sheets-title" className="grid gap-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="sheets-title" className="text-lg font-semibold">
            {d.listTitle}
          </h2>
          {myUnits.length > 0 ? (
            <form method="get" className="flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor="unit" className="label text-sm">
                  {d.filter}
                </label>
                <select id="unit" name="unit" defaultValue={unit ?? ""} className="input">
                  <option value="">{d.allUnits}</option>
                  {myUnits.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.code} · {u.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn-secondary">
                {d.filterButton}
              </button>
            </form>
          ) : null}
        </div>
        {sheets.items.length === 0 ? (
          <p className="card text-slate-700">{unit ? d.emptyFiltered : d.empty}</p>
        ) : (
          <ul className="grid gap-2">
            {sheets.items.map((s) => (
              <li key={s.id}>
                <Link
                  href={`/sheets/${s.id}`}
                  className="card flex flex-wrap items-center justify-between gap-2 no-underline hover:border-brand-700"
                >
                  <span>
                    <span className="block font-semibold text-brand-800 underline">
                      {s.courseUnit.code} · {s.courseUnit.name}
                    </span>
                    {s.summary ? <span className="block text-slate-700">{s.summary}</span> : null}
                    <span className="block text-sm text-slate-600">
                      {d.created} <LocalTime iso={s.createdAt.toISOString()} locale={intlLocale(locale)} dateStyle="medium" />
                    </span>
                  </span>
                  <span className="flex items-center gap-3">
                    <span>{format(d.present, { count: s.attendanceCount })}</span>
                    <span
                      className={`rounded-full px-2 py-0.5 text-sm font-semibold ${s.status === "open" ? "bg-brand-100 text-brand-900" : "bg-slate-200 text-slate-800"}`}
                    >
                      {s.status === "open" ? t.common.open : t.common.closed}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <nav className="flex gap-4" aria-label={d.listTitle}>
          {cursor ? (
            <Link className="link" href={unit ? `/dashboard?unit=${unit}` : "/dashboard"}>
              {d.newest}
            </Link>
          ) : null}
          {sheets.nextCursor ? (
            <Link className="link" href={`/dashboard?${new URLSearchParams({ ...(unit ? { unit } : {}), cursor: sheets.nextCursor })}`}>
              {d.older}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
