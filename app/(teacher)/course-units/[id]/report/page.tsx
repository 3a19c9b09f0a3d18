import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { LocalTime } from "@/components/local-time";
import { format, intlLocale } from "@/lib/i18n/messages";
import { groupSchema } from "@/lib/validations/rosters";
import { requireTeacher } from "@/server/auth/session";
import { getMessages } from "@/server/i18n";
import { teamUnit } from "@/server/pages/team-unit";
import { termReport } from "@/server/report";
import { PrintButton } from "./print-button";
import { RatesChart, SessionsChart } from "./report-charts";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const querySchema = z.object({ group: groupSchema.optional().catch(undefined) });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const teacher = await requireTeacher(`/course-units/${id}/report`);
  const unit = await teamUnit(teacher.id, id);
  return { title: format((await getMessages()).t.report.title, { code: unit.code }) };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  const teacher = await requireTeacher(`/course-units/${id}/report`);
  await teamUnit(teacher.id, id);
  const { group } = querySchema.parse(await searchParams);
  const [{ locale, t }, report] = await Promise.all([getMessages(), termReport(teacher.id, id, group || undefined)]);
  const r = t.report;
  const short = r.short;
  const below = report.students.filter((s) => s.belowMinimum).length;
  const query = (extra: string) =>
    `/api/course-units/${id}/report?${group ? `group=${encodeURIComponent(group)}&` : ""}${extra}&lang=${locale}`;
  return (
    <div className="report grid gap-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{format(r.title, { code: report.courseUnit.code })}</h1>
          <p className="text-slate-700">
            {report.courseUnit.name}
            {report.group ? ` · ${r.group} ${report.group}` : ""}
          </p>
          <p className="mt-1 text-slate-700">
            {format(r.lead, { sessions: report.sessions.length, students: report.students.length, minimum: report.courseUnit.minimumRate })}{" "}
            <strong>{format(r.belowCount, { count: below })}</strong>
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2">
          <Link href={`/course-units/${id}`} className="btn-secondary">
            {r.rosterLink}
          </Link>
          <a href={query("format=csv")} className="btn-secondary" download>
            {r.downloadCsv}
          </a>
          <a href={query("format=xlsx")} className="btn-secondary" download>
            {r.downloadXlsx}
          </a>
          <PrintButton label={r.print} />
        </div>
      </header>

      {report.groups.length > 0 ? (
        <form method="get" className="no-print flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="group" className="label text-sm">
              {r.group}
            </label>
            <select id="group" name="group" defaultValue={group ?? ""} className="input">
              <option value="">{r.allGroups}</option>
              {report.groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {r.show}
          </button>
        </form>
      ) : null}

      {report.sessions.length === 0 ? (
        <p className="card">{r.empty}</p>
      ) : (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="chart-sessions" className="card">
              <h2 id="chart-sessions" className="text-lg font-semibold">
                {r.chartSessions}
              </h2>
              <SessionsChart sessions={report.sessions} t={r} />
            </section>
            <section aria-labelledby="chart-rates" className="card">
              <h2 id="chart-rates" className="text-lg font-semibold">
                {r.chartRates}
              </h2>
              <RatesChart report={report} t={r} />
            </section>
          </div>

          <section aria-labelledby="grid-title" className="grid gap-2">
            <h2 id="grid-title" className="text-lg font-semibold">
              {r.gridTitle}
            </h2>
            <div className="report-grid max-h-[32rem] overflow-auto border border-slate-200" tabIndex={0} aria-labelledby="grid-title">
              <table className="text-left text-xs">
                <thead className="sticky top-0 bg-white">
                  <tr>
                    <th scope="col" className="p-1">
                      {r.colNumber}
                    </th>
                    <th scope="col" className="p-1">
                      {r.colName}
                    </th>
                    <th scope="col" className="p-1">
                      {r.colRate}
                    </th>
                    {report.sessions.map((s, i) => (
                      <th key={s.id} scope="col" className="p-1 text-center" title={s.summary}>
                        {i + 1}
                        <br />
                        <LocalTime iso={s.openedAt.toISOString()} locale={intlLocale(locale)} dateStyle="short" />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.students.map((s) => (
                    <tr key={s.studentNumber} className={s.belowMinimum ? "bg-red-50" : "border-t border-slate-100"}>
                      <th scope="row" className="p-1 font-mono font-normal">
                        {s.studentNumber}
                      </th>
                      <td className="p-1 whitespace-nowrap">{s.name}</td>
                      <td className={s.belowMinimum ? "p-1 font-bold text-red-800" : "p-1"}>
                        {s.rate === null ? "—" : `${s.rate}%`}
                        {s.belowMinimum ? <span className="sr-only"> ({r.below})</span> : null}
                      </td>
                      {s.statuses.map((status, i) => (
                        <td
                          key={report.sessions[i]?.id ?? i}
                          className="p-1 text-center"
                          title={r[`legend${status[0]!.toUpperCase()}${status.slice(1)}` as "legendPresent"]}
                        >
                          {short[status]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="border-t-2 border-slate-300">
                    <th scope="row" colSpan={3} className="p-1">
                      {r.totals}
                    </th>
                    {report.sessions.map((s) => (
                      <td key={s.id} className="p-1 text-center whitespace-nowrap">
                        {s.counts.present}/{s.counts.late}/{s.counts.excused}/{s.counts.absent}
                        {s.counts.erased > 0 ? (
                          <span className="block text-slate-600">{format(r.erased, { count: s.counts.erased })}</span>
                        ) : null}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
