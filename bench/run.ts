/**
 * `npm run bench -- <burst|lifecycle|rosters> [options]`: the lecture-start benchmark against the real deployment
 * (standalone instances behind the project's nginx over PostgreSQL, on loopback), with a bare Node + pg
 * baseline of the same two-step check-in measured in the same run. Figures go to bench/results/.
 *
 * burst      every student of every class checks in as fast as the service allows
 *            --classes 200 --students 100 --concurrency 200 --instances 2 [--quick]
 * lifecycle  a morning of classes: teachers log in, open sheets, students arrive over the registration
 *            period, hand additions, refreshes, removals, closing and consulting
 *            --classes 40 --students 50 --instances 2 --compress 10
 * lecture    students arrive at a fixed rate while every class's sheet page and projection are open, the
 *            same arrivals with the screens closed, then idle screens and the instances' CPU
 *            --classes 200 --students 100 --seconds 60 --idle 2000 --instances 2 [--quick]
 * cost       CPU milliseconds per request of one instance, by kind of request (--count 1500)
 * rosters    a 5,000-row roster previewed and imported (CSV, XLSX); the term report of 300 students ×
 *            30 sessions as JSON, CSV and XLSX (one instance behind nginx)
 * memory     each instance's resident memory (VmRSS, from /proc, every second) over many check-ins, in
 *            rounds of 10,000 --checkins 60000 --concurrency 200 --instances 2
 *            [--node-options=<V8 flags>] (the instances' NODE_OPTIONS; by default those the image sets)
 *
 * DATABASE_URL names the PostgreSQL server (default: the local one); the run creates its own database
 * and drops it afterwards.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { Pool } from "undici";
import { instanceNodeOptions } from "../scripts/lib/app-server";
import { startCluster, type Cluster } from "../scripts/lib/cluster";
import { createDatabase, migrateAndSeed } from "../scripts/lib/database";
import { cleanup, freePort, onCleanup, stop, waitForPort } from "../scripts/lib/processes";
import { audit, createClasses } from "./fixtures";
import { runCost } from "./cost";
import { machine, peakRssMb, rssMb } from "./cpu";
import { runLecture } from "./lecture";
import { burst, checkInOnce, currentQrToken, send, textOf, type LoadResult, type Sample } from "./load";
import { errorsByStatus, markdownTable, opStats, timeline, writeChart } from "./report";
import { rostersMarkdown, runRosters } from "./rosters";

const { positionals, values: args } = parseArgs({
  allowPositionals: true,
  options: {
    instances: { type: "string", default: "2" },
    classes: { type: "string" },
    students: { type: "string" },
    concurrency: { type: "string", default: "200" },
    compress: { type: "string", default: "10" },
    pool: { type: "string", default: "5" },
    quick: { type: "boolean", default: false },
    pages: { type: "boolean", default: false },
    seconds: { type: "string" },
    idle: { type: "string" },
    count: { type: "string" },
    checkins: { type: "string" },
    "node-options": { type: "string" },
  },
});
const scenario = positionals[0] ?? "burst";
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const resultsDir = path.join("bench", "results");
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

/** Samples how many connections the database has while the load runs. */
function watchConnections(db: pg.Pool, database: string) {
  let max = 0;
  const timer = setInterval(() => {
    db.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1", [database])
      .then((r) => (max = Math.max(max, Number(r.rows[0]?.n ?? 0))))
      .catch(() => undefined);
  }, 250);
  // A run that fails before stopping it must still exit.
  timer.unref();
  return () => {
    clearInterval(timer);
    return max;
  };
}

async function startBaseline(env: Record<string, string>): Promise<{ url: string; pid?: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "baseline-server.ts")], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  onCleanup(() => stop(child));
  await waitForPort(port, 30_000);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stop(child) };
}

type RunContext = { db: pg.Pool; databaseUrl: string; database: string; workDir: string };

async function withCluster<T>(
  ctx: RunContext,
  fn: (cluster: Cluster) => Promise<T>,
  options: { size?: number; workerConnections?: number } = {},
): Promise<{ value: T; rss: number[] }> {
  const cluster = await startCluster({
    size: options.size ?? num(args.instances, 2),
    workerConnections: options.workerConnections,
    databaseUrl: ctx.databaseUrl,
    workDir: ctx.workDir,
    // The V8 flags the image runs with, unless the run asks for others (--node-options= for none).
    env: {
      DB_POOL_SIZE: args.pool ?? "5",
      LOG_LEVEL: "info",
      NODE_OPTIONS: args["node-options"] ?? instanceNodeOptions,
      REGISTER_MAX_PER_ADDRESS: "1000000",
      REGISTER_MAX_PER_DOMAIN: "1000000",
    },
    // All load comes from one address here: lift nginx's per-client shield for the measurement.
    limits: { NGINX_CHECKIN_RATE: "100000r/s", NGINX_CHECKIN_BURST: "100000", NGINX_LOGIN_RATE: "100000r/s", NGINX_LOGIN_BURST: "100000" },
  });
  try {
    const value = await fn(cluster);
    return { value, rss: cluster.instances.map((i) => peakRssMb(i.server?.child.pid)) };
  } finally {
    await Promise.all(cluster.instances.map((i) => i.server?.stop() ?? Promise.resolve()));
    await cluster.nginx.stop();
  }
}

async function runBurst(ctx: RunContext) {
  const quick = args.quick ?? false;
  const classes = num(args.classes, quick ? 20 : 200);
  const perClass = num(args.students, quick ? 50 : 100);
  const concurrency = num(args.concurrency, quick ? 100 : 200);
  const maxMs = 10 * 60_000;

  // Both targets first take 2,000 check-ins that are not counted (200 with --quick): the figures describe
  // a running deployment at the start of a class, not a process whose code the JIT has not compiled yet.
  const warm = quick ? { classes: 4, students: 50 } : { classes: 20, students: 100 };
  const warmup = await createClasses(ctx.db, "warm", warm.classes, warm.students);
  const fixture = await createClasses(ctx.db, "app", classes, perClass);
  const stopWatching = watchConnections(ctx.db, ctx.database);
  let appCpuMs = 0;
  const { value: app, rss } = await withCluster(ctx, async (cluster) => {
    await burst(cluster.url, warmup.students, { concurrency, maxMs: 60_000 });
    const cpu = () => cluster.instances.reduce((sum, i) => sum + cpuMs(i.server?.child.pid), 0);
    const before = cpu();
    const result = await burst(cluster.url, fixture.students, { concurrency, maxMs });
    appCpuMs = cpu() - before;
    return result;
  });
  const pgConnections = stopWatching();
  const appAudit = await audit(ctx.db, fixture, app.acknowledged);

  const baseFixture = await createClasses(ctx.db, "base", classes, perClass);
  const baseWarmup = await createClasses(ctx.db, "bwarm", warm.classes, warm.students);
  // The baseline stays bare: its inserts do not record changes for live screens.
  await ctx.db.query("ALTER TABLE attendances DISABLE TRIGGER attendances_record_change");
  const baseline = await startBaseline({ DATABASE_URL: ctx.databaseUrl, AUTH_SECRET: randomBytes(32).toString("hex") });
  await burst(baseline.url, baseWarmup.students, { concurrency, maxMs: 60_000 });
  const baseCpuBefore = cpuMs(baseline.pid);
  const base = await burst(baseline.url, baseFixture.students, { concurrency, maxMs });
  const baseCpuMs = cpuMs(baseline.pid) - baseCpuBefore;
  const baselineRss = peakRssMb(baseline.pid);
  await baseline.stop();
  const baseAudit = await audit(ctx.db, baseFixture, base.acknowledged);

  const twoStep = opStats(app, "two-step");
  const baseTwoStep = opStats(base, "two-step");
  const throughput = Math.round(app.checkins / (app.durationMs / 1000));
  const baselineThroughput = Math.round(base.checkins / (base.durationMs / 1000));
  const errors = Object.values(errorsByStatus(app)).reduce((a, b) => a + b, 0);
  const summary = {
    scenario: "burst",
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    instances: num(args.instances, 2),
    classes,
    studentsPerClass: perClass,
    concurrency,
    checkins: app.checkins,
    expected: fixture.students.length,
    throughput,
    p50_ms: twoStep.p50_ms,
    p95_ms: twoStep.p95_ms,
    p99_ms: twoStep.p99_ms,
    max_ms: twoStep.max_ms,
    errors,
    errors_by_status: errorsByStatus(app),
    lost: appAudit.lost,
    duplicates: appAudit.duplicates,
    unacknowledged: app.failed.length,
    baseline_throughput: baselineThroughput,
    baseline_p50_ms: baseTwoStep.p50_ms,
    baseline_p99_ms: baseTwoStep.p99_ms,
    baseline_errors: Object.values(errorsByStatus(base)).reduce((a, b) => a + b, 0),
    baseline_lost: baseAudit.lost,
    ratio: Math.round((throughput / baselineThroughput) * 1000) / 1000,
    // CPU the app instances (nginx not counted) and the baseline spent per acknowledged check-in, from /proc.
    cpu_ms_per_checkin: Math.round((appCpuMs / Math.max(1, app.checkins)) * 100) / 100,
    baseline_cpu_ms_per_checkin: Math.round((baseCpuMs / Math.max(1, base.checkins)) * 100) / 100,
    max_rss_mb: Math.max(...rss),
    rss_mb_by_instance: rss,
    baseline_rss_mb: baselineRss,
    pg_connections_max: pgConnections,
    operations: { ticket: opStats(app, "ticket"), register: opStats(app, "checkin"), "two-step": twoStep },
    baseline_operations: { ticket: opStats(base, "ticket"), register: opStats(base, "checkin"), "two-step": baseTwoStep },
  };
  const table = markdownTable([
    row("Presença (nginx + instances)", app, twoStep, summary.errors, appAudit.lost, appAudit.duplicates),
    row("baseline (bare Node + pg)", base, baseTwoStep, summary.baseline_errors, baseAudit.lost, baseAudit.duplicates),
  ]);
  await writeChart(
    path.join(resultsDir, "burst-latest.png"),
    [...timeline(app, "Presença"), ...timeline(base, "baseline")],
    `Burst: ${classes} classes × ${perClass} students, ${concurrency} clients, ${summary.instances} instances`,
  );
  return {
    summary,
    markdown: `${table}\n\nRatio to baseline: ${summary.ratio}. CPU per check-in: ${summary.cpu_ms_per_checkin} ms (instances), ${summary.baseline_cpu_ms_per_checkin} ms (baseline). Peak RSS per instance: ${rss.join(", ")} MB. PostgreSQL connections (max): ${pgConnections}.\n`,
  };
}

function row(label: string, r: LoadResult, s: ReturnType<typeof opStats>, errors: number, lost: number, duplicates: number) {
  return {
    target: label,
    "check-ins": r.checkins,
    "check-ins/s": Math.round(r.checkins / (r.durationMs / 1000)),
    "p50 ms": s.p50_ms,
    "p95 ms": s.p95_ms,
    "p99 ms": s.p99_ms,
    "max ms": s.max_ms,
    errors,
    lost,
    duplicates,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomBetween = (a: number, b: number) => a + Math.random() * (b - a);

async function runLifecycle(ctx: RunContext) {
  const classes = num(args.classes, 40);
  const perClass = num(args.students, 50);
  const compress = num(args.compress, 10);
  const minutes = (m: number) => (m * 60_000) / compress;
  const password = "benchmark password";

  const { value: result, rss } = await withCluster(ctx, async (cluster) => {
    const client = new Pool(cluster.url, { connections: 256 });
    const samples: Sample[] = [];
    const timed = async (op: string, fn: () => ReturnType<typeof send>) => {
      const t0 = performance.now();
      const reply = await fn();
      samples.push({ at: Date.now(), ms: performance.now() - t0, status: reply.status, op });
      return reply;
    };
    const acknowledged: { sheetId: string; studentNumber: string }[] = [];
    const expectedPresent = new Map<string, number>();
    const startedAt = Date.now();

    const units = await send(client, "GET", "/api/course-units", {
      token: (await setupTeacher(client, "probe", password)).token,
    });
    const unitIds = ((units.json?.items ?? []) as { id: string }[]).map((u) => u.id);

    const teacherDay = async (c: number) => {
      await sleep(randomBetween(0, minutes(3)));
      const email = `life-${c}-${Date.now()}@example.org`;
      await timed("register", () => send(client, "POST", "/api/accounts", { body: { email, name: `Teacher ${c}`, password } }));
      const login = await timed("login", () => send(client, "POST", "/api/tokens", { body: { email, password } }));
      const token = textOf(login.json?.token);
      const courseUnitId = unitIds[c % unitIds.length];
      const sheet = await timed("open sheet", () => send(client, "POST", "/api/sheets", { token, body: { courseUnitId } }));
      const sheetId = textOf(sheet.json?.id);
      const code = textOf(sheet.json?.code);
      const { rows } = await ctx.db.query<{ secret: Buffer }>("SELECT secret FROM sheets WHERE id = $1", [sheetId]);
      const secret = rows[0]?.secret ?? Buffer.alloc(0);
      const registration = minutes(10);
      const openUntil = Date.now() + registration + minutes(1);

      let refreshing = true;
      const refresher = (async () => {
        while (refreshing) {
          await timed("refresh list", () => send(client, "GET", `/api/sheets/${sheetId}/attendances`, { token }));
          await sleep(15_000 / compress);
        }
      })();

      const students = Array.from({ length: perClass }, (_, s) => ({
        code,
        sheetId,
        secret,
        studentNumber: `L${c}S${s}`,
        name: `Estudante ${c}-${s}`,
      }));
      await Promise.all(
        students.map(async (st) => {
          await sleep(randomBetween(0, registration));
          if (await checkInOnce(client, st, samples)) acknowledged.push({ sheetId, studentNumber: st.studentNumber });
        }),
      );
      let present = perClass;
      if (c % 2 === 0) {
        for (let h = 0; h < 10; h++) {
          const r = await timed("add by hand", () =>
            send(client, "POST", `/api/sheets/${sheetId}/attendances`, { token, body: { studentNumber: `H${c}X${h}`, name: `Hand ${h}` } }),
          );
          if (r.status === 201) present++;
        }
      }
      if (c % 10 === 0) {
        for (const st of students.slice(0, Math.ceil(perClass / 10))) {
          const r = await timed("remove", () =>
            send(client, "DELETE", `/api/sheets/${sheetId}/attendances/${st.studentNumber}`, { token }),
          );
          if (r.status === 200) present--;
        }
      }
      await sleep(Math.max(0, openUntil - Date.now()));
      await timed("close sheet", () => send(client, "PATCH", `/api/sheets/${sheetId}`, { token, body: { status: "closed" } }));
      const consultUntil = Date.now() + minutes(2);
      while (Date.now() < consultUntil) {
        await timed("course units", () => send(client, "GET", "/api/course-units?mine=true", { token }));
        await timed("sheets of unit", () => send(client, "GET", `/api/sheets?courseUnitId=${courseUnitId}`, { token }));
        await timed("sheet", () => send(client, "GET", `/api/sheets/${sheetId}`, { token }));
        await sleep(15_000 / compress);
      }
      refreshing = false;
      await refresher;
      expectedPresent.set(sheetId, present);
    };
    await Promise.all(Array.from({ length: classes }, (_, c) => teacherDay(c)));
    await client.close();
    return { samples, acknowledged, expectedPresent, startedAt, durationMs: Date.now() - startedAt };
  });

  const { rows } = await ctx.db.query<{ sheet_id: string; n: string }>(
    "SELECT sheet_id, count(*) AS n FROM attendances WHERE removed_at IS NULL AND sheet_id = ANY($1::uuid[]) GROUP BY 1",
    [[...result.expectedPresent.keys()]],
  );
  const mismatched = rows.filter((r) => Number(r.n) !== result.expectedPresent.get(r.sheet_id)).length;
  const stored = await ctx.db.query<{ sheet_id: string; student_number: string }>(
    "SELECT sheet_id, student_number FROM attendances WHERE sheet_id = ANY($1::uuid[])",
    [[...result.expectedPresent.keys()]],
  );
  const keys = new Set(stored.rows.map((r) => `${r.sheet_id}|${r.student_number}`));
  const lost = result.acknowledged.filter((a) => !keys.has(`${a.sheetId}|${a.studentNumber}`)).length;
  const load: LoadResult = {
    checkins: result.acknowledged.length,
    acknowledged: [],
    failed: [],
    samples: result.samples,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
  };
  const ops = [...new Set(result.samples.map((s) => s.op))].sort();
  const operations = Object.fromEntries(ops.map((op) => [op, opStats(load, op)]));
  const errors = errorsByStatus(load);
  const twoStep = opStats(load, "two-step");
  const summary = {
    scenario: "lifecycle",
    date: new Date().toISOString(),
    instances: num(args.instances, 2),
    classes,
    studentsPerClass: perClass,
    compress,
    checkins: result.acknowledged.length,
    expected: classes * perClass,
    throughput: Math.round((result.acknowledged.length / (result.durationMs / 1000)) * 10) / 10,
    p50_ms: twoStep.p50_ms,
    p99_ms: twoStep.p99_ms,
    errors: Object.values(errors).reduce((a, b) => a + b, 0),
    errors_by_status: errors,
    lost,
    duplicates: 0,
    sheets_with_wrong_count: mismatched,
    baseline_throughput: null,
    ratio: null,
    max_rss_mb: Math.max(...rss),
    rss_mb_by_instance: rss,
    duration_s: Math.round(result.durationMs / 1000),
    operations,
  };
  const table = markdownTable(ops.map((op) => ({ operation: op, ...operations[op] })));
  return {
    summary,
    markdown: `${table}\n\nErrors: ${summary.errors}; lost: ${lost}; sheets whose final count is wrong: ${mismatched}. Peak RSS per instance: ${rss.join(", ")} MB.\n`,
  };
}

async function setupTeacher(client: Pool, tag: string, password: string) {
  const email = `${tag}-${Date.now()}@example.org`;
  await send(client, "POST", "/api/accounts", { body: { email, name: "Probe", password } });
  const login = await send(client, "POST", "/api/tokens", { body: { email, password } });
  return { token: textOf(login.json?.token) };
}

async function runLectureScenario(ctx: RunContext) {
  const quick = args.quick ?? false;
  const options = {
    classes: num(args.classes, quick ? 40 : 200),
    students: num(args.students, quick ? 50 : 100),
    seconds: num(args.seconds, quick ? 20 : 60),
    idleScreens: num(args.idle, quick ? 400 : 2000),
    idleSeconds: quick ? 10 : 30,
    pages: args.pages ?? false,
  };
  // Each open stream holds a client and an upstream connection in nginx.
  const workerConnections = Math.max(1024, options.idleScreens * 2 + 2048);
  const { value, rss } = await withCluster(ctx, (cluster) => runLecture(ctx.db, cluster, options, currentQrToken), { workerConnections });
  const summary = {
    // With the student's page its results go to files of their own: the two runs measure different things.
    scenario: options.pages ? "lecture-pages" : "lecture",
    pages: options.pages,
    date: new Date().toISOString(),
    machine: machine(),
    instances: num(args.instances, 2),
    ...value,
    max_rss_mb: Math.max(...rss),
    rss_mb_by_instance: rss,
  };
  const table = markdownTable([
    {
      screens: "closed",
      "check-in p50 ms": value.checkin_p50_ms_no_screens,
      "check-in p99 ms": value.checkin_p99_ms_no_screens,
      errors: value.errors_no_screens,
      "visible p50 ms": "–",
      "visible p99 ms": "–",
      missed: "–",
      duplicated: "–",
    },
    {
      screens: `open (${value.screens})`,
      "check-in p50 ms": value.checkin_p50_ms,
      "check-in p99 ms": value.checkin_p99_ms,
      errors: value.errors,
      "visible p50 ms": value.visible_p50_ms,
      "visible p99 ms": value.visible_p99_ms,
      missed: value.events_missed,
      duplicated: value.events_duplicated,
    },
  ]);
  const idle = `${value.idle_screens} idle screens: ${value.idle_cpu_percent} % of one core for the instances. Peak RSS per instance: ${rss.join(", ")} MB.`;
  return {
    summary,
    markdown: `${options.classes} classes × ${options.students} students in ${options.seconds} s (${value.offered_rate}/s offered)${options.pages ? ", each loading the student's page after the scan, then checking in" : ""}.

${table}

${idle}
`,
  };
}

async function runCostScenario(ctx: RunContext) {
  const count = num(args.count, 1500);
  const { value } = await withCluster(ctx, (cluster) => runCost(ctx.db, cluster, { count, database: ctx.database }), { size: 1 });
  const summary = {
    scenario: "cost",
    date: new Date().toISOString(),
    machine: machine(),
    requests_per_kind: count,
    cpu_ms_per_request: value,
  };
  const table = markdownTable(
    Object.entries(value).map(([request, r]) => ({
      request,
      "instance CPU ms": r.cpu_ms,
      "PostgreSQL CPU ms": r.database_cpu_ms ?? "–",
      statuses: Object.entries(r.statuses)
        .map(([status, n]) => `${n} × ${status}`)
        .join(", "),
    })),
  );
  return {
    summary,
    markdown: `${table}
`,
  };
}

async function rostersRun(ctx: RunContext) {
  const figures = await runRosters(ctx);
  return {
    summary: { scenario: "rosters", date: new Date().toISOString(), cpus: os.cpus().length, figures },
    markdown: rostersMarkdown(figures),
  };
}

/**
 * Resident memory of the instances while check-ins keep coming: sampled every second, reported after
 * each round of 10,000 (and at the start, once warm), so that growth and levelling off both show.
 */
async function runMemory(ctx: RunContext) {
  const total = num(args.checkins, 60_000);
  const concurrency = num(args.concurrency, 200);
  const round = 10_000;
  const perClass = 100;
  const warmup = await createClasses(ctx.db, "mwarm", 10, perClass);
  const { value } = await withCluster(ctx, async (cluster) => {
    const pids = cluster.instances.map((i) => i.server?.child.pid);
    const peak = pids.map(() => 0);
    const sampler = setInterval(() => pids.forEach((pid, i) => (peak[i] = Math.max(peak[i] ?? 0, rssMb(pid)))), 1000);
    sampler.unref();
    await burst(cluster.url, warmup.students, { concurrency, maxMs: 120_000 });
    const rounds = [{ checkins: 0, rss_mb: pids.map(rssMb), peak_rss_mb: [...peak] }];
    let done = 0;
    let failed = 0;
    const startedAt = Date.now();
    while (done < total) {
      const size = Math.min(round, total - done);
      const fixture = await createClasses(ctx.db, `mem${done}`, Math.ceil(size / perClass), perClass);
      const result = await burst(cluster.url, fixture.students.slice(0, size), { concurrency, maxMs: 10 * 60_000 });
      done += size;
      failed += result.failed.length;
      rounds.push({ checkins: done, rss_mb: pids.map(rssMb), peak_rss_mb: [...peak] });
      console.log(`memory: ${done} check-ins, RSS ${rounds.at(-1)?.rss_mb.join(" / ")} MB`);
    }
    clearInterval(sampler);
    return { rounds, failed, durationS: Math.round((Date.now() - startedAt) / 1000) };
  });
  const last = value.rounds.at(-1);
  const summary = {
    scenario: "memory",
    date: new Date().toISOString(),
    machine: machine(),
    instances: num(args.instances, 2),
    checkins: total,
    concurrency,
    node_options: args["node-options"] ?? instanceNodeOptions,
    failed: value.failed,
    duration_s: value.durationS,
    rounds: value.rounds,
    final_rss_mb: last?.rss_mb ?? [],
    peak_rss_mb: last?.peak_rss_mb ?? [],
  };
  const table = markdownTable(
    value.rounds.map((r) => ({
      "check-ins": r.checkins,
      "RSS per instance (MB)": r.rss_mb.join(" / "),
      "peak so far (MB)": r.peak_rss_mb.join(" / "),
    })),
  );
  const options = summary.node_options ? ` NODE_OPTIONS: \`${summary.node_options}\`.` : "";
  return {
    summary,
    markdown: `${table}\n\n${total} check-ins at ${concurrency} clients in ${value.durationS} s, ${value.failed} refused.${options}\n`,
  };
}

const scenarios = {
  burst: runBurst,
  lifecycle: runLifecycle,
  lecture: runLectureScenario,
  cost: runCostScenario,
  rosters: rostersRun,
  memory: runMemory,
} as const;

async function main(): Promise<void> {
  if (!(scenario in scenarios)) throw new Error(`unknown scenario ${scenario}: use ${Object.keys(scenarios).join(", ")}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-bench-"));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const database = `presenca_bench_${Date.now().toString(36)}`;
  const { url } = await createDatabase(serverUrl, database);
  await migrateAndSeed(url);
  const db = new pg.Pool({ connectionString: url, max: 3 });
  onCleanup(() => db.end());
  const ctx: RunContext = { db, databaseUrl: url, database, workDir };
  const { summary, markdown } = await scenarios[scenario as keyof typeof scenarios](ctx);

  fs.mkdirSync(resultsDir, { recursive: true });
  const day = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  const name = summary.scenario;
  fs.writeFileSync(path.join(resultsDir, `${name}-${day}.json`), json);
  fs.writeFileSync(path.join(resultsDir, `${name}-latest.json`), json);
  const md = `# ${name} — ${summary.date}\n\n${markdown}`;
  fs.writeFileSync(path.join(resultsDir, `${name}-latest.md`), md);
  console.log(md);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
