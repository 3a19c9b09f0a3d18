/**
 * CPU milliseconds an instance spends per request, by kind, read from /proc (wall-clock figures on a
 * shared machine are noise; CPU time per request is not). One instance, requests sent to it directly,
 * a few at a time, after a warm-up.
 */
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { Pool } from "undici";
import type { Cluster } from "../scripts/lib/cluster";
import { cpuMs, totalCpuMs } from "./cpu";
import { createClasses } from "./fixtures";
import { checkInOnce, currentQrToken, type Sample, type Student } from "./load";
import { sessionCookie } from "./screens";

type Kind = { name: string; send: (pool: Pool, i: number) => Promise<number> };

async function get(pool: Pool, path: string, headers: Record<string, string>): Promise<number> {
  const res = await pool.request({ method: "GET", path, headers });
  await res.body.text();
  return res.statusCode;
}

/** The database's server processes serving the instance's pool (PostgreSQL runs one per connection). */
async function backendPids(db: pg.Pool, database: string): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'presenca'",
    [database],
  );
  return rows.map((r) => r.pid);
}

async function measure(pool: Pool, pid: number | undefined, kind: Kind, count: number, concurrency: number) {
  let next = 0;
  const statuses = new Map<number, number>();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const status = await kind.send(pool, i);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const before = cpuMs(pid);
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { cpuMs: (cpuMs(pid) - before) / count, statuses: Object.fromEntries(statuses) };
}

export async function runCost(db: pg.Pool, cluster: Cluster, options: { count: number; database: string }) {
  const instance = cluster.instances[0];
  const pid = instance?.server?.child.pid;
  const origin = `http://127.0.0.1:${instance?.port}`;
  const pool = new Pool(origin, { connections: 8 });

  const listed = await createClasses(db, "cost-list", 1, 120);
  const sheet = listed.sheets[0] as Fixture["sheets"][number];
  await db.query(
    `INSERT INTO attendances (sheet_id, student_number, name, method) SELECT $1, s.n, s.name, 'qr' FROM unnest($2::text[], $3::text[]) AS s(n, name)`,
    [sheet.id, listed.students.map((s) => s.studentNumber), listed.students.map((s) => s.name)],
  );
  const cookie = await sessionCookie(sheet.ownerId, cluster.env.AUTH_SECRET ?? "");
  const token = `prs_${randomBytes(32).toString("base64url")}`;
  await db.query("INSERT INTO api_tokens (teacher_id, label, token_hash, prefix) VALUES ($1, 'bench', $2, $3)", [
    sheet.ownerId,
    createHash("sha256").update(token).digest("base64url"),
    token.slice(0, 10),
  ]);
  const listPath = `/api/sheets/${sheet.id}/attendances`;
  const etag = (await pool
    .request({ method: "GET", path: listPath, headers: { cookie } })
    .then(async (r) => (await r.body.text(), r.headers.etag))) as string;

  const arrivals = await createClasses(db, "cost-checkin", 4, Math.ceil((options.count * 2) / 4));
  const samples: Sample[] = [];
  const kinds: Kind[] = [
    { name: "list poll answered 304, session cookie (120 rows)", send: (p) => get(p, listPath, { cookie, "if-none-match": etag }) },
    {
      name: "list poll answered 304, bearer token",
      send: (p) => get(p, listPath, { authorization: `Bearer ${token}`, "if-none-match": etag }),
    },
    { name: "QR fetch, session cookie", send: (p) => get(p, `/api/sheets/${sheet.id}/qr`, { cookie }) },
    { name: "GET /api/me, session cookie", send: (p) => get(p, "/api/me", { cookie }) },
    { name: "GET /api/health", send: (p) => get(p, "/api/health", {}) },
    {
      // What a phone loads when it scans the QR: Next renders the page and exchanges the code for a ticket.
      name: "student's page after a scan (GET /c/{code}?t=…, through Next)",
      send: (p, i) => {
        const s = arrivals.students[i % arrivals.students.length] as Student;
        return get(p, `/c/${s.code}?t=${currentQrToken(s)}`, {});
      },
    },
    { name: "home page (GET /, through Next)", send: (p) => get(p, "/", {}) },
  ];
  const results: Record<string, { cpu_ms: number; statuses: Record<string, number>; database_cpu_ms?: number }> = {};

  // What the change log (triggers, NOTIFY) adds to a check-in, in the instance and in PostgreSQL: the
  // same check-ins with the triggers off, then on. The database's side is read from its processes.
  const base = await createClasses(db, "cost-base", 4, Math.ceil((options.count * 2) / 4));
  for (const [label, enabled, fixture] of [
    ["without", false, base],
    ["with", true, arrivals],
  ] as const) {
    await db.query(`ALTER TABLE attendances ${enabled ? "ENABLE" : "DISABLE"} TRIGGER attendances_record_change`);
    const kind: Kind = { name: "", send: async (p, i) => ((await checkInOnce(p, fixture.students[i] as Student, samples)) ? 201 : 0) };
    await measure(pool, pid, { ...kind, send: (p, i) => kind.send(p, i + options.count) }, options.count, 4);
    const backends = await backendPids(db, options.database);
    const dbBefore = totalCpuMs(backends);
    const { cpuMs: perRequest, statuses } = await measure(pool, pid, kind, options.count, 4);
    const dbPerRequest = (totalCpuMs(backends) - dbBefore) / options.count;
    results[`two-step check-in, ${label} the change log`] = {
      cpu_ms: Math.round(perRequest * 100) / 100,
      database_cpu_ms: Math.round(dbPerRequest * 100) / 100,
      statuses,
    };
  }

  for (const kind of kinds) {
    await measure(pool, pid, kind, Math.ceil(options.count / 4), 4);
    const { cpuMs: perRequest, statuses } = await measure(pool, pid, kind, options.count, 4);
    results[kind.name] = { cpu_ms: Math.round(perRequest * 100) / 100, statuses };
  }
  await pool.close();
  return results;
}

type Fixture = Awaited<ReturnType<typeof createClasses>>;
