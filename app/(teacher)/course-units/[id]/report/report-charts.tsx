/**
 * The report's two charts as server-rendered SVG (no chart library in the browser): attendance per
 * session, stacked by status, and the students' rates in 10% bands against the minimum.
 */
import type { Messages } from "@/lib/i18n/messages";
import { format } from "@/lib/i18n/messages";
import type { ReportSession, TermReport } from "@/server/report";

// Colours with at least 3:1 contrast against white and each other's neighbours, plus patterns in the legend text.
const colours = { present: "#15803d", late: "#b45309", excused: "#1d4ed8", absent: "#b91c1c" } as const;
const order = ["present", "late", "excused", "absent"] as const;

export function SessionsChart({ sessions, t }: { sessions: ReportSession[]; t: Messages["report"] }) {
  const width = 640;
  const height = 200;
  const max = Math.max(1, ...sessions.map((s) => order.reduce((n, k) => n + s.counts[k], 0)));
  const band = sessions.length > 0 ? width / sessions.length : width;
  const bar = Math.max(2, band * 0.7);
  return (
    <figure className="grid gap-2">
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={t.chartSessionsLabel} className="h-auto w-full max-w-3xl">
        <title>{t.chartSessions}</title>
        {sessions.map((s, i) => {
          let y = height;
          return (
            <g key={s.id}>
              {order.map((k) => {
                const h = (s.counts[k] / max) * height;
                y -= h;
                return h > 0 ? <rect key={k} x={i * band + (band - bar) / 2} y={y} width={bar} height={h} fill={colours[k]} /> : null;
              })}
              <text x={i * band + band / 2} y={height + 14} fontSize="10" textAnchor="middle" fill="#334155">
                {i + 1}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-sm">
        {order.map((k) => (
          <span key={k} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3" style={{ background: colours[k] }} />
            {t[`legend${k[0]!.toUpperCase()}${k.slice(1)}` as "legendPresent"]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function RatesChart({ report, t }: { report: TermReport; t: Messages["report"] }) {
  const width = 640;
  const height = 180;
  const minimum = report.courseUnit.minimumRate;
  const max = Math.max(1, ...report.distribution.map((b) => b.students));
  const band = width / report.distribution.length;
  const x = (rate: number) => (rate / 100) * width;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        role="img"
        aria-label={format(t.chartRatesLabel, { minimum })}
        className="h-auto w-full max-w-3xl"
      >
        <title>{t.chartRates}</title>
        {report.distribution.map((b, i) => {
          const h = (b.students / max) * height;
          return (
            <g key={b.from}>
              <rect x={i * band + 2} y={height - h} width={band - 4} height={h} fill={b.to <= minimum ? colours.absent : colours.present} />
              {b.students > 0 ? (
                <text x={i * band + band / 2} y={height - h - 3} fontSize="11" textAnchor="middle" fill="#0f172a">
                  {b.students}
                </text>
              ) : null}
              <text x={i * band + band / 2} y={height + 14} fontSize="10" textAnchor="middle" fill="#334155">
                {b.from}–{b.to}%
              </text>
            </g>
          );
        })}
        <line x1={x(minimum)} x2={x(minimum)} y1={0} y2={height} stroke="#0f172a" strokeDasharray="4 3" strokeWidth="2" />
        <text x={Math.min(x(minimum) + 4, width - 90)} y={12} fontSize="11" fill="#0f172a">
          {format(t.minimumLine, { minimum })}
        </text>
      </svg>
    </figure>
  );
}
