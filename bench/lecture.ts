/**
 * The lecture start as it really is: students arrive at a fixed rate (open loop, whatever the service's
 * latency) while every class has its sheet page and its projection open, connected the way the pages
 * connect (the live stream with the session cookie; the projection also fetches its QR code when it
 * opens, then once per window at a random moment). The same arrivals are run with the screens closed, in
 * the same run. Then many idle screens stay open with no arrivals, and the instances' CPU is read from
 * /proc.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";
import type { Cluster } from "../scripts/lib/cluster";
import { totalCpuMs } from "./cpu";
import { createClasses, type Fixture } from "./fixtures";
import { send, type Student } from "./load";
import { openScreen, sessionCookie, type Screen } from "./screens";
import type pg from "pg";

export type LectureOptions = {
  classes: number;
  students: number;
  seconds: number;
  idleScreens: number;
  idleSeconds: number;
  /** Each arrival first loads the student's page the QR leads to, as a phone does (a first visit: no cookie yet). */
  pages: boolean;
};

type Arrival = { student: Student; ackAt: number | null; created: boolean; ms: number; failed: boolean; status: number };

const QR_WINDOW_MS = 10_000;
const pct = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;
const round = (n: number) => Math.round(n * 10) / 10;

async function arrive(pool: Pool, s: Student, qrToken: (s: Student) => string, pages: boolean): Promise<Arrival> {
  const t0 = performance.now();
  const token = qrToken(s);
  if (pages) {
    // A browser without the app's cookie gets the page and sends the exchange from its script.
    const page = await send(pool, "GET", `/c/${s.code}?t=${token}`);
    if (page.status !== 200)
      return { student: s, ackAt: null, created: false, ms: performance.now() - t0, failed: true, status: page.status };
  }
  const ticket = await send(pool, "POST", `/api/checkin/${s.code}/tickets`, { body: { token } });
  if (ticket.status !== 201 || typeof ticket.json?.ticket !== "string") {
    return { student: s, ackAt: null, created: false, ms: performance.now() - t0, failed: true, status: ticket.status };
  }
  const reg = await send(pool, "POST", `/api/checkin/${s.code}`, {
    body: { ticket: ticket.json.ticket, studentNumber: s.studentNumber, name: s.name },
    cookie: ticket.cookie,
  });
  const ackAt = performance.now();
  const ok = reg.status === 201 || reg.status === 200;
  return { student: s, ackAt: ok ? ackAt : null, created: reg.status === 201, ms: ackAt - t0, failed: !ok, status: reg.status };
}

/** Every student of the fixture, spread evenly over `seconds`, each sent at its time whatever came before. */
async function openLoop(
  origin: string,
  students: Student[],
  seconds: number,
  qrToken: (s: Student) => string,
  pages = false,
): Promise<Arrival[]> {
  const pool = new Pool(origin, { connections: 512, pipelining: 1, keepAliveTimeout: 30_000 });
  // Interleaved by class, as a morning's arrivals are.
  const order = [...students].sort(() => Math.random() - 0.5);
  const gap = (seconds * 1000) / order.length;
  const started = performance.now();
  const pending: Promise<Arrival>[] = [];
  for (let i = 0; i < order.length; i++) {
    const due = started + i * gap;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(arrive(pool, order[i] as Student, qrToken, pages));
  }
  const arrivals = await Promise.all(pending);
  await pool.close();
  return arrivals;
}

/**
 * The projections' QR fetches, as the page makes them: one when it opens, then one per window at a
 * random moment of it. `shown` settles once every projection has its first code on the screen: students
 * scan that code, so none arrives before it.
 */
function projectionsAskingForQr(origin: string, sheets: Fixture["sheets"], cookies: Map<string, string>) {
  const pool = new Pool(origin, { connections: 64 });
  let stopped = false;
  const ask = async (sheetId: string) => {
    const res = await pool
      .request({ method: "GET", path: `/api/sheets/${sheetId}/qr`, headers: { cookie: cookies.get(sheetId) ?? "" } })
      .catch(() => null);
    await res?.body.text();
  };
  const firsts = sheets.map((sheet) => ask(sheet.id));
  const loops = sheets.map(async (sheet, i) => {
    await firsts[i];
    while (!stopped) {
      await sleep(QR_WINDOW_MS * (0.5 + Math.random()));
      if (!stopped) await ask(sheet.id);
    }
  });
  return {
    shown: Promise.all(firsts),
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      await pool.close();
    },
  };
}

/** Each sheet's page and projection, connected; resolves once every stream is open (or after 20 s). */
async function openScreens(origin: string, fixture: Fixture, secret: string) {
  const cookies = new Map<string, string>();
  for (const sheet of fixture.sheets) cookies.set(sheet.id, await sessionCookie(sheet.ownerId, secret));
  const screens: Screen[] = fixture.sheets.flatMap((sheet) => [0, 1].map(() => openScreen(origin, sheet.id, cookies.get(sheet.id) ?? "")));
  for (let i = 0; i < 100 && !screens.every((s) => s.connected); i++) await sleep(200);
  const projections = projectionsAskingForQr(origin, fixture.sheets, cookies);
  await projections.shown;
  return { screens, projections };
}

function checkinStats(arrivals: Arrival[]) {
  const ms = arrivals.map((a) => a.ms).sort((a, b) => a - b);
  const byStatus: Record<string, number> = {};
  for (const a of arrivals.filter((x) => x.failed))
    byStatus[a.status === 0 ? "network" : String(a.status)] = (byStatus[a.status === 0 ? "network" : String(a.status)] ?? 0) + 1;
  return { p50: round(pct(ms, 50)), p99: round(pct(ms, 99)), errors: arrivals.filter((a) => a.failed).length, byStatus };
}

export async function runLecture(db: pg.Pool, cluster: Cluster, options: LectureOptions, qrToken: (s: Student) => string) {
  const pids = cluster.instances.map((i) => i.server?.child.pid);
  const { classes, students, seconds } = options;

  // 0. A warm-up that is not counted, screens open: the figures describe a deployment that has been
  // serving check-ins, streams and projections (a teacher opens the projection before the class comes
  // in), not processes whose code the JIT has not compiled yet.
  const warm = await createClasses(db, "lec-warm", 10, Math.ceil((classes * students) / 50));
  const warmScreens = await openScreens(cluster.url, warm, cluster.env.AUTH_SECRET ?? "");
  await openLoop(cluster.url, warm.students, Math.max(5, seconds / 4), qrToken, options.pages);
  await warmScreens.projections.stop();
  warmScreens.screens.forEach((s) => s.close());

  // 1. Screens closed.
  const closedFixture = await createClasses(db, "lec-closed", classes, students);
  const closedCpu = totalCpuMs(pids);
  const closedArrivals = await openLoop(cluster.url, closedFixture.students, seconds, qrToken, options.pages);
  const closedCpuPerCheckin = (totalCpuMs(pids) - closedCpu) / Math.max(1, closedArrivals.filter((a) => a.ackAt !== null).length);
  const closed = checkinStats(closedArrivals);

  // 2. Screens open: each class's sheet page and projection.
  const fixture = await createClasses(db, "lec-open", classes, students);
  const { screens, projections } = await openScreens(cluster.url, fixture, cluster.env.AUTH_SECRET ?? "");
  const connectedScreens = screens.filter((s) => s.connected).length;
  const cpuBefore = totalCpuMs(pids);
  const arrivals = await openLoop(cluster.url, fixture.students, seconds, qrToken, options.pages);
  const cpuDuring = totalCpuMs(pids) - cpuBefore;
  await sleep(3000);
  await projections.stop();
  const open = checkinStats(arrivals);

  // Every acknowledged new entry must reach both screens of its sheet, once.
  const visible: number[] = [];
  let missed = 0;
  const bySheet = new Map<string, Screen[]>();
  for (const screen of screens) bySheet.set(screen.sheetId, [...(bySheet.get(screen.sheetId) ?? []), screen]);
  for (const a of arrivals) {
    if (!a.created || a.ackAt === null) continue;
    for (const screen of bySheet.get(a.student.sheetId) ?? []) {
      const at = screen.arrivals.get(a.student.studentNumber);
      if (at === undefined) missed++;
      else visible.push(Math.max(0, at - a.ackAt));
    }
  }
  const duplicated = screens.reduce((n, s) => n + s.repeated, 0);
  screens.forEach((s) => s.close());
  visible.sort((a, b) => a - b);

  // 3. Idle screens: open, nothing arriving.
  const idleFixture = await createClasses(db, "lec-idle", Math.max(1, Math.ceil(options.idleScreens / 10)), 0);
  const idle: Screen[] = [];
  for (const [i, sheet] of idleFixture.sheets.entries()) {
    const cookie = await sessionCookie(sheet.ownerId, cluster.env.AUTH_SECRET ?? "");
    for (let k = 0; k < 10 && idle.length < options.idleScreens; k++) idle.push(openScreen(cluster.url, sheet.id, cookie));
    if (i % 20 === 19) await sleep(100);
  }
  for (let i = 0; i < 150 && !idle.every((s) => s.connected); i++) await sleep(200);
  const idleConnected = idle.filter((s) => s.connected).length;
  await sleep(5000);
  const idleStart = totalCpuMs(pids);
  const idleT0 = performance.now();
  await sleep(options.idleSeconds * 1000);
  const idleCpuPercent = ((totalCpuMs(pids) - idleStart) / (performance.now() - idleT0)) * 100;
  idle.forEach((s) => s.close());

  const acknowledged = arrivals.filter((a) => a.ackAt !== null);
  return {
    classes,
    screens: connectedScreens,
    screens_asked: screens.length,
    students_per_class: students,
    seconds,
    offered_rate: round((classes * students) / seconds),
    checkins: acknowledged.length,
    errors: open.errors,
    errors_by_status: open.byStatus,
    checkin_p50_ms: open.p50,
    checkin_p99_ms: open.p99,
    checkin_p50_ms_no_screens: closed.p50,
    checkin_p99_ms_no_screens: closed.p99,
    errors_no_screens: closed.errors,
    errors_by_status_no_screens: closed.byStatus,
    visible_p50_ms: round(pct(visible, 50)),
    visible_p99_ms: round(pct(visible, 99)),
    visible_max_ms: round(visible.at(-1) ?? 0),
    events_expected: arrivals.filter((a) => a.created).length * 2,
    events_missed: missed,
    events_duplicated: duplicated,
    instances_cpu_ms_per_checkin: round(cpuDuring / Math.max(1, acknowledged.length)),
    instances_cpu_ms_per_checkin_no_screens: round(closedCpuPerCheckin),
    idle_screens: idleConnected,
    idle_seconds: options.idleSeconds,
    idle_cpu_percent: round(idleCpuPercent),
  };
}
