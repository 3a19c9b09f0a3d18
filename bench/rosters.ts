/**
 * `npm run bench -- rosters`: how long a teacher waits for the roster and report features, through nginx
 * and one instance: previewing and importing a 5,000-row roster (CSV and XLSX), and the term report of
 * 300 students × 30 sessions as JSON, CSV and XLSX. Each figure is the median of several runs, with the
 * instance's CPU time per request read from /proc (steadier than wall-clock time on a shared machine).
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import type pg from "pg";
import { Pool } from "undici";
import { startCluster } from "../scripts/lib/cluster";
import { send, textOf } from "./load";

type Context = { db: pg.Pool; databaseUrl: string; workDir: string };
type Figure = { operation: string; runs: number; median_ms: number; min_ms: number; max_ms: number; cpu_ms_per_request: number };

const CSV_TYPE = "text/csv";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** User + system CPU time of a process so far, in ms (clock ticks are 10 ms on Linux). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const students = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `UP2026${String(i + 1).padStart(5, "0")}`,
    `Estudante Número ${i + 1}`,
    `e${i + 1}@example.org`,
    `T${(i % 8) + 1}`,
  ]);

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Inscritos");
  sheet.addRow(["Número", "Nome", "E-mail", "Turma"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function measure(operation: string, runs: number, pid: number | undefined, once: (run: number) => Promise<void>): Promise<Figure> {
  const times: number[] = [];
  const cpuBefore = cpuMs(pid);
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await once(run);
    times.push(performance.now() - started);
  }
  const cpu = (cpuMs(pid) - cpuBefore) / runs;
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    operation,
    runs,
    median_ms: round(times[Math.floor(times.length / 2)] ?? 0),
    min_ms: round(times[0] ?? 0),
    max_ms: round(times.at(-1) ?? 0),
    cpu_ms_per_request: round(cpu),
  };
}

export async function runRosters(ctx: Context) {
  const cluster = await startCluster({
    size: 1,
    databaseUrl: ctx.databaseUrl,
    workDir: ctx.workDir,
    env: { LOG_LEVEL: "warn" },
    limits: { NGINX_LOGIN_RATE: "100000r/s", NGINX_LOGIN_BURST: "100000" },
  });
  const pid = cluster.instances[0]?.server?.child.pid;
  const client = new Pool(cluster.url, { connections: 4 });
  try {
    const password = "benchmark password";
    const email = `rosters-${Date.now()}@example.org`;
    await send(client, "POST", "/api/accounts", { body: { email, name: "Bench Teacher", password } });
    const token = textOf((await send(client, "POST", "/api/tokens", { body: { email, password } })).json?.token);
    const newUnit = async () => {
      const code = `B${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
      return textOf((await send(client, "POST", "/api/course-units", { token, body: { code, name: "Benchmark" } })).json?.id);
    };
    const upload = async (unit: string, step: "preview" | "import", body: string | Buffer, type: string) => {
      const res = await client.request({
        method: "POST",
        path: `/api/course-units/${unit}/roster/${step}?mode=replace`,
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body,
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${step} answered ${res.statusCode}: ${text.slice(0, 300)}`);
    };
    const get = async (path: string) => {
      const res = await client.request({
        method: "GET",
        path,
        headers: { authorization: `Bearer ${token}` },
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}`);
    };

    const roster = students(5000);
    const csv = ["Número;Nome;E-mail;Turma", ...roster.map((r) => r.join(";"))].join("\r\n");
    const xlsx = await xlsxOf(roster);
    const units = await Promise.all(Array.from({ length: 5 }, newUnit));
    const figures: Figure[] = [];
    figures.push(await measure("preview 5,000-row CSV", 5, pid, () => upload(units[0]!, "preview", csv, CSV_TYPE)));
    // Each import goes into an empty unit: every row is an insert.
    figures.push(await measure("import 5,000-row CSV (new roster)", 5, pid, (run) => upload(units[run]!, "import", csv, CSV_TYPE)));
    figures.push(await measure("import 5,000-row CSV again (all unchanged)", 5, pid, () => upload(units[0]!, "import", csv, CSV_TYPE)));
    figures.push(
      await measure("import 5,000-row XLSX (replace, all unchanged)", 5, pid, (run) => upload(units[run]!, "import", xlsx, XLSX_TYPE)),
    );

    // The report: 300 enrolled students, 30 sessions, about 80% attendance, some late and excused.
    const unit = await newUnit();
    await upload(unit, "import", ["Número;Nome;Turma", ...students(300).map((r) => `${r[0]};${r[1]};${r[3]}`)].join("\r\n"), CSV_TYPE);
    const teacher = (await ctx.db.query<{ id: string }>("SELECT id FROM teachers WHERE email = $1", [email])).rows[0]?.id;
    await ctx.db.query(
      `WITH s AS (
         INSERT INTO sheets (code, owner_id, course_unit_id, secret, summary, created_at, updated_at, late_after, status, closed_at)
         SELECT 'R' || lpad(to_hex(i), 5, '0'), $1, $2, decode(md5(random()::text), 'hex'), 'Aula ' || i, now() - (30 - i) * interval '7 days',
                now(), now() - (30 - i) * interval '7 days' + interval '15 minutes', 'closed', now()
         FROM generate_series(1, 30) AS i RETURNING id, created_at)
       INSERT INTO attendances (sheet_id, student_number, name, method, created_at, status)
       SELECT s.id, r.student_number, r.name, 'teacher', s.created_at + (random() * 25) * interval '1 minute',
              CASE WHEN random() < 0.03 THEN 'excused'::attendance_status END
       FROM s CROSS JOIN roster_students r WHERE r.course_unit_id = $2 AND random() < 0.8`,
      [teacher, unit],
    );
    figures.push(await measure("term report JSON, 300 students × 30 sessions", 10, pid, () => get(`/api/course-units/${unit}/report`)));
    figures.push(await measure("term report CSV (pt)", 10, pid, () => get(`/api/course-units/${unit}/report?format=csv&lang=pt`)));
    figures.push(await measure("term report XLSX", 10, pid, () => get(`/api/course-units/${unit}/report?format=xlsx`)));
    return figures;
  } finally {
    await client.close();
    await Promise.all(cluster.instances.map((i) => i.server?.stop() ?? Promise.resolve()));
    await cluster.nginx.stop();
  }
}

export function rostersMarkdown(figures: Figure[]): string {
  const lines = ["| operation | runs | median | min | max | instance CPU per request |", "| --- | --- | --- | --- | --- | --- |"];
  for (const f of figures)
    lines.push(`| ${f.operation} | ${f.runs} | ${f.median_ms} ms | ${f.min_ms} ms | ${f.max_ms} ms | ${f.cpu_ms_per_request} ms |`);
  return `${lines.join("\n")}\n`;
}
