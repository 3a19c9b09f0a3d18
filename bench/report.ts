/** Turns load samples into the figures, the markdown table and the chart of a benchmark run. */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { LoadResult, Sample } from "./load";

export type OpStats = { count: number; perSecond: number; p50_ms: number; p95_ms: number; p99_ms: number; max_ms: number };

const round = (n: number) => Math.round(n * 10) / 10;

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function opStats(result: LoadResult, op: Sample["op"]): OpStats {
  const ms = result.samples
    .filter((s) => s.op === op)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return {
    count: ms.length,
    perSecond: round(ms.length / (result.durationMs / 1000)),
    p50_ms: round(pct(ms, 50)),
    p95_ms: round(pct(ms, 95)),
    p99_ms: round(pct(ms, 99)),
    max_ms: round(ms.at(-1) ?? 0),
  };
}

export function errorsByStatus(result: LoadResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of result.samples) {
    if (s.op === "two-step" || (s.status >= 200 && s.status < 300)) continue;
    const key = s.status === 0 ? "network" : String(s.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Per-second check-ins completed and two-step latency percentiles, for the chart. */
export function timeline(result: LoadResult, label: string) {
  const buckets = new Map<number, number[]>();
  for (const s of result.samples) {
    if (s.op !== "two-step") continue;
    const second = Math.floor((s.at - result.startedAt) / 1000);
    buckets.set(second, [...(buckets.get(second) ?? []), s.ms]);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([second, ms]) => {
      const sorted = ms.sort((a, b) => a - b);
      return [
        { second, series: label, metric: "check-ins/s", value: sorted.length },
        { second, series: label, metric: "p50 latency (ms)", value: round(pct(sorted, 50)) },
        { second, series: label, metric: "p99 latency (ms)", value: round(pct(sorted, 99)) },
      ];
    });
}

export async function writeChart(file: string, points: ReturnType<typeof timeline>, title: string): Promise<void> {
  const spec: vegaLite.TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    data: { values: points },
    facet: { row: { field: "metric", type: "nominal", title: null } },
    spec: {
      width: 640,
      height: 160,
      mark: { type: "line", point: false },
      encoding: {
        x: { field: "second", type: "quantitative", title: "seconds since start" },
        y: { field: "value", type: "quantitative", title: null },
        color: { field: "series", type: "nominal", title: null },
      },
    },
    resolve: { scale: { y: "independent" } },
    config: { background: "white" },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).png().toFile(file);
}

export function markdownTable(rows: Record<string, string | number>[]): string {
  const first = rows[0];
  if (!first) return "";
  const keys = Object.keys(first);
  return [
    `| ${keys.join(" | ")} |`,
    `| ${keys.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${keys.map((k) => r[k]).join(" | ")} |`),
  ].join("\n");
}
