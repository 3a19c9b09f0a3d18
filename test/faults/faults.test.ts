/**
 * Faults in the middle of a lecture-start burst, on the production topology: two standalone instances
 * behind the project's nginx configuration, over a PostgreSQL server this test owns so that it can
 * restart it. Each burst is the real two-step check-in (bench/load.ts) from many concurrent clients.
 * Afterwards every acknowledged check-in is stored exactly once, every student refused during the fault
 * succeeds on a retry, and the instances serve again without anyone touching them.
 * Run by scripts/test-faults.ts (`npm run test:faults`), which provides FAULTS_WORK_DIR.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { Pool } from "undici";
import { audit, createClasses, type Fixture } from "../../bench/fixtures";
import { checkInOnce, send, type Sample, type Student } from "../../bench/load";
import { sessionCookie } from "../../bench/screens";
import { qrToken, windowAt } from "../../server/checkin-tokens";
import { startAppServer } from "../../scripts/lib/app-server";
import { startCluster, type Cluster, type Instance } from "../../scripts/lib/cluster";
import { migrateAndSeed } from "../../scripts/lib/database";
import { cleanup, freePort } from "../../scripts/lib/processes";
import { startRestartablePostgres, type RestartablePostgres } from "../../scripts/lib/restartable-postgres";
import { eventually as eventuallyTrue, readyDirectly, servedByNginx as servedByNginxAgain } from "../helpers/cluster";
import { followStream } from "../helpers/sse";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

const workDir = process.env.FAULTS_WORK_DIR ?? "";
/** Short, so that the slow-database case takes seconds; the shipped default is 5000. */
const STATEMENT_TIMEOUT_MS = 1000;
/** Per instance; smaller on the embedded server, which takes 20 connections in all. */
let poolSize = 10;
const CONCURRENCY = 40;
const CLASSES = 12;
const PER_CLASS = 100;

let database: RestartablePostgres;
let cluster: Cluster;
let db: pg.Pool;
/** app-2's own way to the database, which a test cuts. */
let app2Database: TcpProxy;

/** Polls until `check` holds; fails after `attempts` tries (a bound on the test, not a timing claim). */
// How long to wait for a state to settle: 150 polls, 200 ms apart (a restart takes a while here).
const ATTEMPTS = 150;
const eventually = (what: string, check: () => Promise<boolean>) => eventuallyTrue(what, check, ATTEMPTS);
const servedByNginx = (instance: Instance) => servedByNginxAgain(cluster, instance, ATTEMPTS);

const direct = (instance: Instance, path: string) => fetch(`http://127.0.0.1:${instance.port}${path}`);

function running(instance: Instance) {
  const child = instance.server?.child;
  assert.ok(child && child.exitCode === null && child.signalCode === null, `${instance.id} is running`);
  return child;
}

/** Check-in requests nginx sent to more than one instance (its access log lists every upstream tried). */
function movedByNginx(): number {
  return fs
    .readFileSync(cluster.nginx.accessLog, "utf8")
    .split("\n")
    .filter((line) => line.includes('"uri":"/api/checkin/') && /"upstream":"[^"]*, /.test(line)).length;
}

/** Check-ins sent straight to one instance, bypassing nginx: proves that instance itself serves again. */
async function checkInDirectly(instance: Instance, students: Student[]): Promise<boolean[]> {
  const http = new Pool(`http://127.0.0.1:${instance.port}`, { connections: 4 });
  try {
    return await Promise.all(students.map((s) => checkInOnce(http, s, [])));
  } finally {
    await http.close();
  }
}

const qrTokenFor = (s: Student) => qrToken(s.secret, s.sheetId, windowAt(Date.now()));

type Timed = { student: Student; at: number };

type FaultRun = {
  fixture: Fixture;
  acknowledged: Timed[];
  failed: Timed[];
  /** Statuses of the refused steps (ticket or registration); 0 is a network error. */
  refusals: number[];
  faultStartedAt: number;
  faultEndedAt: number;
  durationMs: number;
};

/**
 * A burst of CLASSES × PER_CLASS students at CONCURRENCY clients through nginx; `fault` starts
 * once a third of them are acknowledged, while the rest keep coming. A refused student is not retried
 * here (the client pauses briefly, as a phone would, and the next student goes): `retry` does that after.
 */
async function burstWithFault(tag: string, fault: () => Promise<void>): Promise<FaultRun> {
  const fixture = await createClasses(db, `${tag}${Date.now().toString(36)}`, CLASSES, PER_CLASS);
  const queue = [...fixture.students];
  const trigger = Math.floor(queue.length / 3);
  // The last third waits for the fault to be over, so that some check-ins always come after it however
  // fast the burst goes.
  const reserve = Math.floor(queue.length / 3);
  const samples: Sample[] = [];
  const acknowledged: Timed[] = [];
  const failed: Timed[] = [];
  let faulted: Promise<void> | undefined;
  let faultStartedAt = 0;
  let faultEndedAt = 0;
  const http = new Pool(cluster.url, { connections: CONCURRENCY, pipelining: 1 });
  const startedAt = Date.now();
  const deadline = startedAt + 90_000;
  const client = async () => {
    while (Date.now() < deadline) {
      if (faulted && !faultEndedAt && queue.length <= reserve) {
        await sleep(20);
        continue;
      }
      const s = queue.shift();
      if (!s) break;
      const ok = await checkInOnce(http, s, samples);
      (ok ? acknowledged : failed).push({ student: s, at: Date.now() });
      if (!faulted && acknowledged.length >= trigger) {
        faultStartedAt = Date.now();
        faulted = fault().finally(() => void (faultEndedAt = Date.now()));
        // Awaited below, once the burst is over.
        faulted.catch(() => undefined);
      }
      if (!ok) await sleep(100);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const durationMs = Date.now() - startedAt;
  await http.close();
  assert.ok(faulted, "the fault was started during the burst");
  await faulted;
  assert.equal(acknowledged.length + failed.length, fixture.students.length, "every student took part before the deadline");
  const refusals = samples.filter((s) => s.op !== "two-step" && s.status !== 201 && s.status !== 200).map((s) => s.status);
  return { fixture, acknowledged, failed, refusals, faultStartedAt, faultEndedAt, durationMs };
}

/** Asks every refused student to try again, once each; returns how many of them were in fact stored already. */
async function retry(students: Student[]): Promise<{ alreadyStored: number }> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM attendances WHERE (sheet_id, student_number) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))",
    [students.map((s) => s.sheetId), students.map((s) => s.studentNumber)],
  );
  const http = new Pool(cluster.url, { connections: 8 });
  const outcomes = await Promise.all(students.map((s) => checkInOnce(http, s, [])));
  await http.close();
  assert.deepEqual(
    students.filter((_, i) => !outcomes[i]).map((s) => s.studentNumber),
    [],
    "every student refused during the fault succeeds on retry",
  );
  return { alreadyStored: rows[0]?.n ?? 0 };
}

async function assertStoredExactlyOnce(run: FaultRun): Promise<void> {
  const acknowledged = await audit(
    db,
    run.fixture,
    run.acknowledged.map((a) => a.student),
  );
  assert.equal(acknowledged.lost, 0, "every acknowledged check-in is stored");
  assert.equal(acknowledged.duplicates, 0, "no check-in is stored twice");
  const everyone = await audit(db, run.fixture, run.fixture.students);
  assert.deepEqual(everyone, { rows: run.fixture.students.length, lost: 0, duplicates: 0 }, "after the retries, each student exactly once");
}

function summary(what: string, run: FaultRun, alreadyStored: number, recovery: string): string {
  const during = run.acknowledged.filter((a) => a.at >= run.faultStartedAt && a.at <= run.faultEndedAt).length;
  const afterFault = run.acknowledged.filter((a) => a.at > run.faultEndedAt).length;
  const byStatus = new Map<number, number>();
  for (const s of run.refusals) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, n]) => `${n}× ${status}`).join(", ") || "none";
  return [
    `${what}: ${run.fixture.students.length} students at ${CONCURRENCY} clients in ${(run.durationMs / 1000).toFixed(1)} s;`,
    `acknowledged ${run.acknowledged.length} (${during} while the fault lasted ${run.faultEndedAt - run.faultStartedAt} ms, ${afterFault} after it);`,
    `refused ${run.failed.length} (steps: ${statuses}), all succeeded on retry (${alreadyStored} had been stored before their answer was lost);`,
    `lost 0, duplicates 0; ${recovery}`,
  ].join(" ");
}

type PoolState = { total: number; idle: number; waiting: number };

/** An instance's own view of its pool, from its metrics (served to direct local requests). */
async function poolOf(instance: Instance): Promise<PoolState> {
  const text = await (await direct(instance, "/api/metrics")).text();
  const gauge = (state: string) => Number(text.match(new RegExp(`presenca_db_pool_connections\\{state="${state}"\\} (\\d+)`))?.[1]);
  return { total: gauge("total"), idle: gauge("idle"), waiting: gauge("waiting") };
}

type Backends = { total: number; idleInTransaction: number; waitingOnLock: number };

/** The server's view: the instances' connections (backends) in pg_stat_activity. */
async function backends(via: pg.Pool | pg.Client): Promise<Backends> {
  const { rows } = await via.query<Backends>(
    `SELECT count(*)::int AS total,
       (count(*) FILTER (WHERE state LIKE 'idle in transaction%'))::int AS "idleInTransaction",
       (count(*) FILTER (WHERE wait_event_type = 'Lock'))::int AS "waitingOnLock"
     FROM pg_stat_activity WHERE application_name = 'presenca'`,
  );
  return rows[0] ?? { total: 0, idleInTransaction: 0, waitingOnLock: 0 };
}

before(async () => {
  assert.ok(workDir, "run through `npm run test:faults`");
  database = await startRestartablePostgres();
  console.log(`Database under test: ${database.kind}`);
  if (database.embedded) poolSize = 4;
  await migrateAndSeed(database.url);
  db = new pg.Pool({ connectionString: database.url, max: 4 });
  // Its idle connections die when the server restarts; that is expected here.
  db.on("error", () => undefined);
  const target = new URL(database.url);
  app2Database = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const viaProxy = new URL(database.url);
  viaProxy.port = String(app2Database.port);
  cluster = await startCluster({
    size: 2,
    databaseUrl: database.url,
    instanceEnv: [{}, { DATABASE_URL: viaProxy.toString() }],
    workDir,
    env: { DB_POOL_SIZE: String(poolSize), DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) },
    // All the load comes from one address: lift the per-address check-in limit out of the way.
    limits: { NGINX_CHECKIN_RATE: "100000r/s", NGINX_CHECKIN_BURST: "100000" },
  });
  // The load generator derives QR tokens as the projection screen does, with the instances' settings.
  Object.assign(process.env, cluster.env);
});

after(async () => {
  await db?.end();
  await cleanup();
  await app2Database?.close();
});

describe("faults in the middle of a check-in burst", () => {
  it("an instance killed with SIGKILL fails no student, loses and duplicates nothing, and serves again once restarted", async () => {
    const victim = cluster.instances[1] as Instance;
    const movedBefore = movedByNginx();
    const run = await burstWithFault("kill", async () => {
      const child = running(victim);
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      assert.deepEqual(await exited, [null, "SIGKILL"]);
      // What the container's restart policy (`restart: unless-stopped`) does: start it again, unattended.
      await cluster.start(victim);
      await eventually(`${victim.id} ready`, () => readyDirectly(victim));
    });
    assert.ok(
      run.acknowledged.some((a) => a.at > run.faultEndedAt),
      "check-ins went on after the fault",
    );
    // nginx moves what the dead instance had in hand to the other one (check-ins are idempotent); a
    // request caught on a connection at the very moment of the kill may still fail at the transport
    // level, never with an answer from the application, and it succeeds on retry below.
    assert.ok(run.refusals.length <= 2, `at most a stray transport failure: ${run.refusals.join(",")}`);
    assert.ok(
      run.refusals.every((s) => s === 0 || s === 502 || s === 503 || s === 504),
      `no application refusal: ${run.refusals.join(",")}`,
    );
    const { alreadyStored } = await retry(run.failed.map((f) => f.student));
    await assertStoredExactlyOnce(run);

    await servedByNginx(victim);
    const extra = (await createClasses(db, `killafter${Date.now().toString(36)}`, 1, 4)).students;
    assert.deepEqual(await checkInDirectly(victim, extra), [true, true, true, true], "the restarted instance takes check-ins");
    const moved = movedByNginx() - movedBefore;
    console.log(
      summary(
        `SIGKILL ${victim.id}`,
        run,
        alreadyStored,
        `nginx moved ${moved} check-in requests to the other instance; the killed one was ready again ${run.faultEndedAt - run.faultStartedAt} ms after the kill`,
      ),
    );
  });

  it("a PostgreSQL restart loses and duplicates nothing, and the instances recover by themselves", async () => {
    const pids = cluster.instances.map((i) => running(i).pid);
    // A teacher's screen held through nginx across the restart.
    const watched = await createClasses(db, `restartlive${Date.now().toString(36)}`, 1, 6);
    const sheet = watched.sheets[0] as Fixture["sheets"][number];
    const cookie = await sessionCookie(sheet.ownerId, cluster.env.AUTH_SECRET ?? "");
    const screen = followStream(`${cluster.url}/api/sheets/${sheet.id}/events`, { cookie });
    const viaNginx = new Pool(cluster.url, { connections: 2 });
    for (const s of watched.students.slice(0, 3)) assert.ok(await checkInOnce(viaNginx, s, []));
    await screen.waitFor(3, 10_000);
    const run = await burstWithFault("restart", () => database.restart());
    assert.ok(
      run.acknowledged.some((a) => a.at > run.faultEndedAt),
      "check-ins went on after the restart",
    );
    assert.ok(
      run.refusals.every((s) => s === 503),
      `refusals are 503s, never a 500: ${run.refusals.join(",")}`,
    );
    assert.deepEqual(
      cluster.instances.map((i) => running(i).pid),
      pids,
      "no instance was restarted",
    );
    const firstAfter = run.acknowledged.find((a) => a.at > run.faultEndedAt)?.at ?? 0;
    const { alreadyStored } = await retry(run.failed.map((f) => f.student));
    await assertStoredExactlyOnce(run);

    for (const instance of cluster.instances) await eventually(`${instance.id} ready`, () => readyDirectly(instance));
    const extra = (await createClasses(db, `restartafter${Date.now().toString(36)}`, 1, 4)).students;
    for (const [i, instance] of cluster.instances.entries()) {
      const mine = extra.slice(i * 2, i * 2 + 2);
      assert.deepEqual(await checkInDirectly(instance, mine), [true, true], `${instance.id} takes check-ins`);
    }
    for (const s of watched.students.slice(3)) assert.ok(await checkInOnce(viaNginx, s, []));
    await viaNginx.close();
    try {
      await screen.waitFor(6, 15_000);
      assert.deepEqual(screen.seqs, [1, 2, 3, 4, 5, 6], "the screen got every change of its sheet once, across the restart");
    } finally {
      screen.stop();
    }
    console.log(
      summary(
        "PostgreSQL restart",
        run,
        alreadyStored,
        `first check-in acknowledged ${firstAfter - run.faultEndedAt} ms after the server was back`,
      ),
    );
  });

  it("a long lock on the attendance table is answered with 503 and Retry-After, without piling up or leaking connections", async () => {
    const fixture = await createClasses(db, `lock${Date.now().toString(36)}`, 2, CONCURRENCY);
    const students = fixture.students;
    // Tickets first: the exchange never touches the attendance table.
    const http = new Pool(cluster.url, { connections: 8 });
    const tickets = await Promise.all(
      students.map((s) => send(http, "POST", `/api/checkin/${s.code}/tickets`, { body: { token: qrTokenFor(s) } })),
    );
    await http.close();
    assert.deepEqual(
      tickets.map((t) => t.status),
      students.map(() => 201),
    );
    const beforeLock = await backends(db);
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    let answers: { status: number; type: string; retryAfter: string | null; code: unknown }[] = [];
    let answeredWithin = 0;
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE attendances IN ACCESS EXCLUSIVE MODE");
      const lockedAt = Date.now();
      // Bounded so that requests piling up behind the lock fail the test instead of stalling it.
      const signal = AbortSignal.timeout(60_000);
      answers = await Promise.all(
        students.map(async (s, i) => {
          const reply = await fetch(`${cluster.url}/api/checkin/${s.code}`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: tickets[i]?.cookie ?? "" },
            body: JSON.stringify({ ticket: tickets[i]?.json?.ticket, studentNumber: s.studentNumber, name: s.name }),
            signal,
          });
          const body = (await reply.json()) as { code?: unknown };
          return {
            status: reply.status,
            type: reply.headers.get("content-type") ?? "",
            retryAfter: reply.headers.get("retry-after"),
            code: body.code,
          };
        }),
      );
      answeredWithin = Date.now() - lockedAt;
      // Every answer above arrived while the lock is still held: nothing waits for it.
      assert.equal((await backends(locker)).waitingOnLock, 0, "no instance connection is left waiting on the lock");
      for (const instance of cluster.instances) {
        assert.equal((await direct(instance, "/api/health")).status, 200, `${instance.id} is live during the lock`);
        // The embedded server runs every connection in one backend, so there a lock stalls the whole
        // database (the silent-database case below); a real server goes on serving other tables.
        if (!database.embedded) assert.equal((await direct(instance, "/api/ready")).status, 200, `${instance.id} is ready during the lock`);
      }
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
    for (const a of answers) {
      assert.equal(a.status, 503);
      assert.match(a.type, /^application\/problem\+json/);
      assert.equal(a.code, "SERVICE_UNAVAILABLE");
      assert.match(a.retryAfter ?? "", /^[1-9]\d*$/, "Retry-After in seconds");
    }
    for (const instance of cluster.instances) await eventually(`${instance.id} ready`, () => readyDirectly(instance));
    const { alreadyStored } = await retry(students);
    assert.equal(alreadyStored, 0, "nothing was written behind the lock");
    assert.deepEqual(await audit(db, fixture, students), { rows: students.length, lost: 0, duplicates: 0 });

    // Each pool has every connection back (none checked out and forgotten), and the server holds no
    // connection the pools lost track of (the embedded server shows all of them as one).
    let pools: PoolState[] = [];
    let afterLock = beforeLock;
    await eventually("pools and server connections agree, all idle", async () => {
      pools = await Promise.all(cluster.instances.map(poolOf));
      afterLock = await backends(db);
      return (
        pools.every((p) => p.waiting === 0 && p.idle === p.total && p.total <= poolSize) &&
        (database.embedded || afterLock.total === pools.reduce((n, p) => n + p.total, 0)) &&
        afterLock.idleInTransaction === 0 &&
        afterLock.waitingOnLock === 0
      );
    });
    console.log(
      `Attendance table locked: ${students.length} concurrent check-ins all answered 503 with Retry-After within ${answeredWithin} ms ` +
        `(statement timeout ${STATEMENT_TIMEOUT_MS} ms, pool ${poolSize} per instance) while the lock was held; all succeeded once it was released; ` +
        `instance connections on the server before ${beforeLock.total}, after ${afterLock.total} (pools: ${pools.map((p) => `${p.idle}/${p.total} idle`).join(", ")})`,
    );
  });

  it("a database that stops answering is answered with 503 and the instance recovers by itself when it answers again", async () => {
    // One more instance, reaching the database through a proxy that can hold every byte back.
    const target = new URL(database.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    const port = await freePort();
    const instance: Instance = { id: "app-stalled", port, logFile: path.join(workDir, "app-stalled.log") };
    instance.server = await startAppServer(
      { ...cluster.env, DATABASE_URL: viaProxy.toString(), INSTANCE_ID: instance.id, DB_POOL_TIMEOUT_MS: "3000" },
      port,
      { logFile: instance.logFile },
    );
    try {
      const fixture = await createClasses(db, `stall${Date.now().toString(36)}`, 1, 24);
      const [warm, ...students] = fixture.students as [Student, ...Student[]];
      assert.deepEqual(await checkInDirectly(instance, [warm]), [true], "serves before the stall");
      // Tickets first: an open sheet's key is kept for a second, so the exchange may not need the
      // database; the registration always does.
      const post = (s: Student, step: string, body: unknown, signal?: AbortSignal, cookie = "") =>
        fetch(`http://127.0.0.1:${port}/api/checkin/${s.code}${step}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify(body),
          signal,
        });
      // Each student is a browser of its own: the ticket works only with the cookie that came with it.
      const tickets = await Promise.all(
        students.map(async (s) => {
          const reply = await post(s, "/tickets", { token: qrTokenFor(s) });
          const cookie = reply.headers.getSetCookie()[0]?.split(";")[0] ?? "";
          return { ticket: String(((await reply.json()) as { ticket?: unknown }).ticket), cookie };
        }),
      );

      proxy.freeze();
      let answers: { status: number; type: string; retryAfter: string | null; instance: string | null }[] = [];
      let readiness = 0;
      const frozenAt = Date.now();
      try {
        // Bounded so that a hang fails the test instead of stalling it.
        const signal = AbortSignal.timeout(60_000);
        answers = await Promise.all(
          students.map(async (s, i) => {
            const registration = { ticket: tickets[i]?.ticket, studentNumber: s.studentNumber, name: s.name };
            const reply = await post(s, "", registration, signal, tickets[i]?.cookie);
            await reply.arrayBuffer();
            return {
              status: reply.status,
              type: reply.headers.get("content-type") ?? "",
              retryAfter: reply.headers.get("retry-after"),
              instance: reply.headers.get("x-instance-id"),
            };
          }),
        );
        readiness = (await direct(instance, "/api/ready")).status;
        assert.equal((await direct(instance, "/api/health")).status, 200, "still live while the database is silent");
      } finally {
        proxy.thaw();
      }
      const answeredWithin = Date.now() - frozenAt;
      assert.equal(readiness, 503, "not ready while the database is silent");
      for (const a of answers) {
        assert.deepEqual(
          { status: a.status, instance: a.instance, retryAfter: /^[1-9]\d*$/.test(a.retryAfter ?? "") },
          { status: 503, instance: instance.id, retryAfter: true },
          "the instance itself answered 503 with Retry-After",
        );
        assert.match(a.type, /^application\/problem\+json/);
      }

      await eventually(`${instance.id} ready again`, () => readyDirectly(instance));
      // Each student retries from the same phone, as the check-in page does (a registration may have
      // committed after its answer was lost: the same browser then gets its entry back).
      const retried = await Promise.all(
        students.map(async (s, i) => {
          const registration = { ticket: tickets[i]?.ticket, studentNumber: s.studentNumber, name: s.name };
          const reply = await post(s, "", registration, undefined, tickets[i]?.cookie);
          return reply.status === 201 || reply.status === 200;
        }),
      );
      assert.deepEqual(
        retried,
        students.map(() => true),
        "every refused student succeeds on retry",
      );
      assert.deepEqual(await audit(db, fixture, fixture.students), { rows: fixture.students.length, lost: 0, duplicates: 0 });
      let pool: PoolState = { total: 0, idle: 0, waiting: 0 };
      await eventually("the pool has every connection back", async () => {
        pool = await poolOf(instance);
        return pool.waiting === 0 && pool.idle === pool.total && pool.total <= poolSize;
      });
      console.log(
        `Database silent (every byte held back): ${students.length} concurrent registrations all answered 503 by the instance within ${answeredWithin} ms; ` +
          `ready again without a restart, all succeeded on retry; pool ${pool.idle}/${pool.total} idle`,
      );
    } finally {
      await instance.server.stop();
      await proxy.close();
    }
  });

  it("an instance whose database is cut answers 503 everywhere, and nginx loses no idempotent request to it", async () => {
    const [healthy, victim] = cluster.instances as [Instance, Instance];
    const fixture = await createClasses(db, `cut${Date.now().toString(36)}`, 2, 80);
    const sheet = fixture.sheets[0] as Fixture["sheets"][number];
    const cookie = await sessionCookie(sheet.ownerId, cluster.env.AUTH_SECRET ?? "");
    // What a teacher's browser and an API client read: a page, and two API resources.
    const reads = ["/dashboard", `/api/sheets/${sheet.id}`, "/api/me"];
    const read = (path: string, origin = cluster.url) =>
      fetch(`${origin}${path}`, { headers: { cookie, "accept-language": "en" }, redirect: "manual" });
    for (const path of reads) assert.equal((await read(path)).status, 200, `${path} is served before the cut`);
    const logLinesBefore = fs.readFileSync(cluster.nginx.accessLog, "utf8").split("\n").length;

    await app2Database.cut();
    const cutAt = Date.now();
    let cutMs = 0;
    const gets = { sent: 0, lost: [] as string[] };
    const checkIns = { acknowledged: [] as Student[], refused: [] as Student[] };
    try {
      // The instance itself: 503 with Retry-After, a page for a page and problem+json for the API.
      const direct503 = await Promise.all(reads.map((path) => read(path, `http://127.0.0.1:${victim.port}`)));
      for (const [i, reply] of direct503.entries()) {
        assert.equal(reply.status, 503, `${reads[i]} from ${victim.id} without its database`);
        assert.match(reply.headers.get("retry-after") ?? "", /^[1-9]\d*$/, "Retry-After in seconds");
        assert.match(reply.headers.get("content-type") ?? "", reads[i] === "/dashboard" ? /^text\/html/ : /^application\/problem\+json/);
        await reply.arrayBuffer();
      }
      assert.equal((await direct(victim, "/api/ready")).status, 503, `${victim.id} is not ready`);

      // Through nginx, for longer than an instance stays marked failed (fail_timeout), so that nginx
      // tries the instance again in the middle: reads and check-ins from several clients at once.
      const http = new Pool(cluster.url, { connections: 8 });
      const queue = [...fixture.students];
      const client = async (n: number) => {
        for (let i = n; Date.now() - cutAt < 8000; i++) {
          const path = reads[i % reads.length] as string;
          gets.sent++;
          const reply = await send(http, "GET", path, { cookie });
          if (reply.status !== 200) gets.lost.push(`${path}: ${reply.status}`);
          const s = queue.shift();
          if (s) ((await checkInOnce(http, s, [])) ? checkIns.acknowledged : checkIns.refused).push(s);
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, n) => client(n)));
      await http.close();
    } finally {
      cutMs = Date.now() - cutAt;
      await app2Database.restore();
    }
    // nginx's log: requests that the database-less instance answered with 503 and nginx passed on to the other.
    const retried = fs
      .readFileSync(cluster.nginx.accessLog, "utf8")
      .split("\n")
      .slice(logLinesBefore)
      .filter((line) => line.includes(`"upstreamStatus":"503, `)).length;
    const lostShare = ((100 * gets.lost.length) / Math.max(gets.sent, 1)).toFixed(1);
    console.log(
      `Database cut on ${victim.id} for ${cutMs} ms: ${gets.lost.length} of ${gets.sent} GETs lost (${lostShare} %); ` +
        `check-ins acknowledged ${checkIns.acknowledged.length}, refused ${checkIns.refused.length}; ` +
        `${retried} requests answered 503 by ${victim.id} and retried by nginx on ${healthy.id}`,
    );
    assert.ok(retried > 0, `nginx did send requests to ${victim.id} during the cut`);
    assert.deepEqual(gets.lost, [], "no idempotent request is lost");

    await eventually(`${victim.id} ready again`, () => readyDirectly(victim));
    await servedByNginx(victim);
    for (const path of reads)
      assert.equal((await read(path, `http://127.0.0.1:${victim.port}`)).status, 200, `${victim.id} serves ${path} again`);
    const { alreadyStored } = await retry(checkIns.refused);
    assert.ok(alreadyStored <= checkIns.refused.length);
    assert.deepEqual(await audit(db, fixture, [...checkIns.acknowledged, ...checkIns.refused]), {
      rows: checkIns.acknowledged.length + checkIns.refused.length,
      lost: 0,
      duplicates: 0,
    });
  });
});
