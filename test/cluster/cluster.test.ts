/**
 * The deployment as it runs in production, on loopback: three standalone instances over one database
 * (reached through a TCP proxy this test can cut), nginx in front with the project's configuration.
 * Run by scripts/test-cluster.ts, which provides DATABASE_URL (migrated and seeded) and CLUSTER_WORK_DIR.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import type * as ApiModule from "../helpers/api";
import { startCluster, type Cluster, type Instance } from "../../scripts/lib/cluster";
import { cleanup } from "../../scripts/lib/processes";
import { eventually as eventuallyTrue, readyDirectly, servedByNginx as servedByNginxAgain } from "../helpers/cluster";
import { followStream, openStream } from "../helpers/sse";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

type Api = typeof ApiModule;
type Sheet = Awaited<ReturnType<Api["newSheet"]>>;

const databaseUrl = process.env.DATABASE_URL ?? "";
const workDir = process.env.CLUSTER_WORK_DIR ?? "";
const lms = "https://lms.example.org";

let cluster: Cluster;
let proxy: TcpProxy;
let api: Api;
let teacher: Awaited<ReturnType<Api["newTeacher"]>>;

/** A raw GET through nginx, bytes as sent (fetch would decompress them). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** Polls until `check` holds; fails after `attempts` tries (a bound on the test, not a timing claim). */
// How long to wait for a state to settle: 100 polls, 200 ms apart.
const ATTEMPTS = 100;
const eventually = (what: string, check: () => Promise<boolean>) => eventuallyTrue(what, check, ATTEMPTS);
const servedByNginx = (instance: Instance) => servedByNginxAgain(cluster, instance, ATTEMPTS);

function exitOf(instance: Instance): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = instance.server?.child;
  assert.ok(child && child.exitCode === null && child.signalCode === null, `${instance.id} is not running`);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

type Outcome = { acknowledged: Set<string>; failures: string[]; requests: number };

/**
 * Students checking in (ticket, then registration) and loading pages through nginx until `done`
 * resolves; the teacher's QR token is refreshed as the projection page would. Bounded in count.
 */
async function traffic(sheet: Sheet, prefix: string, done: Promise<void>, progress?: (o: Outcome) => void): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: new Set(), failures: [], requests: 0 };
  let stopped = false;
  void done.then(() => (stopped = true));
  let token = (await api.qr(teacher, sheet)).token;
  let next = 0;
  const note = (what: string, status: number, ok: boolean) => {
    outcome.requests++;
    if (!ok) outcome.failures.push(`${what} → ${status}`);
  };
  const refresher = (async () => {
    while (!stopped) {
      await sleep(1000);
      const reply = await api.call<{ token: string }>("GET", `/api/sheets/${sheet.id}/qr`, { token: teacher.token });
      note("qr", reply.status, reply.status === 200);
      if (reply.status === 200) token = reply.body.token;
    }
  })();
  const student = async () => {
    while (!stopped && next < 3000) {
      const studentNumber = `${prefix}${String(next++).padStart(5, "0")}`;
      try {
        const ticket = await api.call<{ ticket: string }>("POST", `/api/checkin/${sheet.code}/tickets`, { body: { token } });
        note("ticket", ticket.status, ticket.status === 201);
        if (ticket.status === 201) {
          api.bindTicket(ticket.body.ticket, api.setCookieOf(ticket.headers));
          const reply = await api.checkin(sheet, ticket.body.ticket, { studentNumber, name: `Student ${studentNumber}` });
          note(`check-in ${studentNumber}`, reply.status, reply.status === 201 || reply.status === 200);
          if (reply.status === 201 || reply.status === 200) outcome.acknowledged.add(studentNumber);
        }
        const page = await fetch(`${cluster.url}/`);
        await page.arrayBuffer();
        note("page", page.status, page.status === 200);
      } catch (err) {
        outcome.failures.push(`network: ${err instanceof Error ? err.message : String(err)}`);
      }
      // Enough failures to fail the test: stop rather than hammer a broken deployment.
      if (outcome.failures.length > 20) stopped = true;
      progress?.(outcome);
      // Paced to stay under nginx's default per-address check-in limit (4 × 2 requests per 500 ms).
      await sleep(500);
    }
  };
  await Promise.all([refresher, ...Array.from({ length: 4 }, student)]);
  return outcome;
}

/** Runs traffic, performs `disrupt` once enough check-ins were acknowledged, and keeps going a while after. */
async function underTraffic(prefix: string, disrupt: () => Promise<void>): Promise<{ outcome: Outcome; sheet: Sheet }> {
  const sheet = await api.newSheet(teacher, `cluster ${prefix}`);
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let acknowledged = 0;
  let reached: (() => void) | undefined;
  let target = 0;
  const progress = (o: Outcome) => {
    acknowledged = o.acknowledged.size;
    if (reached && acknowledged >= target) {
      reached();
      reached = undefined;
    }
  };
  const waitFor = (count: number) => new Promise<void>((resolve) => ((target = count), (reached = resolve)));
  const running = traffic(sheet, prefix, done, progress);
  let finished = false;
  const endedEarly = running.then((o) => {
    if (!finished) throw new Error(`the traffic stopped early: ${o.failures.slice(0, 5).join("; ")}`);
  });
  endedEarly.catch(() => undefined);
  await Promise.race([waitFor(20), endedEarly]);
  await disrupt();
  await Promise.race([waitFor(acknowledged + 40), endedEarly]);
  finished = true;
  finish();
  return { outcome: await running, sheet };
}

async function assertStoredExactlyOnce(sheetId: string, acknowledged: Set<string>): Promise<void> {
  const { rows } = await api
    .db()
    .query<{ student_number: string; n: number }>(
      `SELECT student_number, count(*)::int AS n FROM attendances WHERE sheet_id = $1 GROUP BY student_number`,
      [sheetId],
    );
  const duplicates = rows.filter((r) => r.n !== 1);
  assert.deepEqual(duplicates, [], "no student stored twice");
  const stored = new Set(rows.map((r) => r.student_number));
  const lost = [...acknowledged].filter((s) => !stored.has(s));
  assert.deepEqual(lost, [], "every acknowledged check-in is stored");
}

before(async () => {
  assert.ok(databaseUrl && workDir, "run through `npm run test:cluster`");
  const target = new URL(databaseUrl);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(databaseUrl);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  cluster = await startCluster({
    size: 3,
    databaseUrl: viaProxy.toString(),
    workDir,
    // Three pools must fit an embedded PostgreSQL's connection limit too.
    env: { DB_POOL_SIZE: "5", CORS_ORIGINS: lms },
  });
  process.env.TEST_BASE_URL = cluster.url;
  api = await import("../helpers/api");
  teacher = await api.newTeacher("Cluster Teacher");
});

after(async () => {
  await api?.closeDb();
  await cleanup();
  await proxy?.close();
});

describe("three instances behind nginx", () => {
  it("serves hashed assets itself, precompressed, cached for a year", async () => {
    const page = await (await fetch(`${cluster.url}/`)).text();
    const asset = page.match(/\/_next\/static\/[^"']+\.js/)?.[0];
    assert.ok(asset, "the home page references a hashed script");
    const gz = path.join(".next", "standalone", ".next", "static", `${asset.slice("/_next/static/".length)}.gz`);
    assert.ok(fs.existsSync(gz), `postbuild wrote ${gz}`);

    const zipped = await rawGet(`${cluster.url}${asset}`, { "accept-encoding": "gzip" });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers["content-encoding"], "gzip");
    assert.ok(zipped.body.equals(fs.readFileSync(gz)), "the bytes are the precompressed file (gzip_static)");
    assert.equal(zipped.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(zipped.headers["x-instance-id"], undefined, "nginx served it, not an instance");

    const plain = await rawGet(`${cluster.url}${asset}`);
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.ok(plain.body.equals(fs.readFileSync(gz.slice(0, -3))));
  });

  it("gzips text responses from the app on the fly", async () => {
    for (const url of ["/", "/api/openapi.json"]) {
      const reply = await rawGet(`${cluster.url}${url}`, { "accept-encoding": "gzip" });
      assert.equal(reply.status, 200, url);
      assert.equal(reply.headers["content-encoding"], "gzip", url);
      assert.match(String(reply.headers.vary), /accept-encoding/i, url);
    }
    const image = await rawGet(`${cluster.url}/swagger-ui/favicon-32x32.png`, { "accept-encoding": "gzip" });
    assert.equal(image.headers["content-encoding"], undefined, "images are not compressed again");
  });

  it("gives each class of response its cache policy", async () => {
    const policy = async (url: string) => (await rawGet(`${cluster.url}${url}`)).headers["cache-control"];
    assert.equal(await policy("/swagger-ui/swagger-ui.css"), "public, max-age=432000", "public assets: 5 days");
    assert.equal(await policy("/"), "no-store", "HTML pages");
    assert.equal(await policy("/api/health"), "no-store", "API responses");
    assert.equal(await policy("/api/openapi.json"), "no-store", "API responses, even static ones");
    assert.equal(await policy("/sw.js"), "no-store", "the service worker");
  });

  it("sends the security headers with pages", async () => {
    const reply = await rawGet(`${cluster.url}/`);
    const csp = String(reply.headers["content-security-policy"]);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(reply.headers["x-content-type-options"], "nosniff");
    assert.equal(reply.headers["referrer-policy"], "strict-origin-when-cross-origin");
    assert.match(String(reply.headers["permissions-policy"]), /camera=\(self\)/);
  });

  it("spreads requests over all three instances, visible in a header and in the access log", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) seen.add((await fetch(`${cluster.url}/api/health`)).headers.get("x-instance-id") ?? "");
    assert.deepEqual([...seen].sort(), ["app-1", "app-2", "app-3"]);
    const lines = fs
      .readFileSync(cluster.nginx.accessLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    const upstreams = new Set(lines.filter((l) => l.uri === "/api/health").map((l) => l.upstream));
    assert.equal(upstreams.size, 3, "the access log names each instance's address");
    assert.ok(lines.some((l) => l.instance === "app-2"));
  });

  it("refuses /api/metrics through nginx and serves it to a direct local request", async () => {
    const outside = await fetch(`${cluster.url}/api/metrics`);
    assert.equal(outside.status, 403);
    assert.match(outside.headers.get("content-type") ?? "", /application\/problem\+json/);
    const proxied = await fetch(`http://127.0.0.1:${cluster.instances[0]?.port}/api/metrics`, { headers: { "x-real-ip": "203.0.113.7" } });
    assert.equal(proxied.status, 403, "the app itself refuses anything that came through a proxy");
    const inside = await fetch(`http://127.0.0.1:${cluster.instances[0]?.port}/api/metrics`);
    assert.equal(inside.status, 200);
    const text = await inside.text();
    for (const metric of [
      "presenca_http_requests_total",
      "presenca_http_request_duration_seconds_bucket",
      "presenca_checkins_total",
      "presenca_db_pool_connections",
    ]) {
      assert.ok(text.includes(metric), `exposes ${metric}`);
    }
  });

  it("lets only the configured origins call the API cross-origin, never with cookies", async () => {
    const preflight = (origin: string) =>
      fetch(`${cluster.url}/api/sheets`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
    const allowed = await preflight(lms);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get("access-control-allow-origin"), lms);
    assert.match(allowed.headers.get("access-control-allow-headers") ?? "", /authorization/);
    assert.equal(allowed.headers.get("access-control-allow-credentials"), null);
    const other = await preflight("https://evil.example.com");
    assert.equal(other.headers.get("access-control-allow-origin"), null);

    const listed = await fetch(`${cluster.url}/api/sheets`, { headers: { origin: lms, authorization: `Bearer ${teacher.token}` } });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get("access-control-allow-origin"), lms);
    assert.match(listed.headers.get("access-control-expose-headers") ?? "", /x-request-id/);
  });

  it("answers a malformed path with a 400, not Next's bare 500", async () => {
    const viaNginx = await fetch(`${cluster.url}/api/sheets/%zz`, { headers: { authorization: `Bearer ${teacher.token}` } });
    assert.equal(viaNginx.status, 400, "nginx refuses it itself");
    const direct = await fetch(`http://127.0.0.1:${cluster.instances[0]?.port}/api/sheets/%zz`);
    assert.equal(direct.status, 400);
    assert.equal(((await direct.json()) as { code: string }).code, "VALIDATION_FAILED");
  });

  it("answers oversized bodies with a problem+json 413 before they reach an instance", async () => {
    const reply = await fetch(`${cluster.url}/api/checkin/ABCDEF`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(100_000) }),
    });
    assert.equal(reply.status, 413);
    assert.match(reply.headers.get("content-type") ?? "", /application\/problem\+json/);
    assert.equal(((await reply.json()) as { code: string }).code, "PAYLOAD_TOO_LARGE");
  });

  it("refuses registrations on every instance as soon as a sheet is closed, tickets within a second, and takes a reopened sheet at once", async () => {
    const sheet = await api.newSheet(teacher, "Closed while projected");
    const post = async (instance: Instance, path: string, body: unknown, token?: string, method = "POST", cookie = "") => {
      const reply = await fetch(`http://127.0.0.1:${instance.port}${path}`, {
        method,
        headers: { "content-type": "application/json", cookie, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const browser = api.setCookieOf(reply.headers);
      return { status: reply.status, body: (await reply.json()) as { ticket?: string; code?: string }, browser };
    };
    const exchange = async (instance: Instance) =>
      post(instance, `/api/checkin/${sheet.code}/tickets`, { token: (await api.qr(teacher, sheet)).token });
    const setStatus = (status: string) =>
      post(cluster.instances[0] as Instance, `/api/sheets/${sheet.id}`, { status }, teacher.token, "PATCH");

    // Every instance has just read the open sheet's key, then one of them closes it.
    const tickets = await Promise.all(cluster.instances.map(async (i) => exchange(i)));
    assert.equal((await setStatus("closed")).status, 200);
    assert.deepEqual(
      (await exchange(cluster.instances[0] as Instance)).body.code,
      "SHEET_CLOSED",
      "at once on the instance that closed it",
    );
    const registrations = await Promise.all(
      cluster.instances.map((i, n) =>
        post(
          i,
          `/api/checkin/${sheet.code}`,
          { ticket: tickets[n]?.body.ticket, studentNumber: `C${n}`, name: "Late Student" },
          undefined,
          "POST",
          tickets[n]?.browser,
        ),
      ),
    );
    assert.deepEqual(
      registrations.map((r) => r.body.code),
      ["SHEET_CLOSED", "SHEET_CLOSED", "SHEET_CLOSED"],
      "no instance registers on a closed sheet",
    );
    await sleep(1100);
    const late = await Promise.all(cluster.instances.map(async (i) => (await exchange(i)).body.code));
    assert.deepEqual(late, ["SHEET_CLOSED", "SHEET_CLOSED", "SHEET_CLOSED"], "every instance refuses tickets a second later");

    assert.equal((await setStatus("open")).status, 200);
    const reopened = await Promise.all(cluster.instances.map(async (i) => (await exchange(i)).status));
    assert.deepEqual(reopened, [201, 201, 201], "a closed sheet's key is never kept");
  });

  it("sees each client as nginx saw it: another network is flagged, and guessing from many addresses pauses typing", async () => {
    const forge = await import("../helpers/forge");
    const sheet = await api.newSheet(teacher, "presence through nginx");
    // The projection (this process, on 127.0.0.1) fetches its QR through nginx: its network is the classroom's.
    await api.qr(teacher, sheet);
    // A client bound to a loopback address of its own: to nginx, a phone on another network.
    const post = (from: string, path: string, body: unknown, cookie = "") =>
      new Promise<{ status: number; cookie: string; body: { ticket?: string; code?: string } }>((resolve, reject) => {
        const url = new URL(path, cluster.url);
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: "POST",
            localAddress: from,
            agent: false,
            headers: { "content-type": "application/json", cookie },
          },
          (res) => {
            let text = "";
            res.on("data", (c: Buffer) => (text += c.toString()));
            res.on("end", () => {
              const set = res.headers["set-cookie"]?.find((c) => c.startsWith("presenca_browser="))?.split(";")[0] ?? cookie;
              resolve({ status: res.statusCode ?? 0, cookie: set, body: JSON.parse(text) as { ticket?: string; code?: string } });
            });
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify(body));
      });
    const checkInFrom = async (from: string, studentNumber: string) => {
      const ticket = await post(from, `/api/checkin/${sheet.code}/tickets`, { token: (await api.qr(teacher, sheet)).token });
      assert.equal(ticket.status, 201);
      const reply = await post(
        from,
        `/api/checkin/${sheet.code}`,
        { ticket: ticket.body.ticket, studentNumber, name: "Through Nginx" },
        ticket.cookie,
      );
      assert.equal(reply.status, 201);
    };
    await checkInFrom("127.0.0.1", "NGX1");
    await checkInFrom("127.0.1.7", "NGX2");
    const list = await api.call<{ items: { studentNumber: string; flags: string[] }[] }>("GET", `/api/sheets/${sheet.id}/attendances`, {
      token: teacher.token,
    });
    const flags = new Map(list.body.items.map((i) => [i.studentNumber, i.flags]));
    assert.equal(flags.get("NGX1")?.includes("other_network"), false);
    assert.equal(flags.get("NGX2")?.includes("other_network"), true);

    const secret = await forge.sheetSecret(sheet.id);
    const w = forge.windowAt();
    const valid = new Set([w - 1, w, w + 1].map((x) => forge.qrDigits(secret, sheet.id, x)));
    const wrong = Array.from({ length: 200 }, (_, i) => String((i * 37) % 10_000).padStart(4, "0")).filter((d) => !valid.has(d));
    const answers = await Promise.all(
      wrong.slice(0, 30).map((digits, i) => post(`127.0.1.${20 + i}`, `/api/checkin/${sheet.code}/tickets`, { digits })),
    );
    assert.ok(
      answers.every((a) => a.body.code === "DIGITS_INVALID" || a.body.code === "TYPING_PAUSED"),
      answers.map((a) => a.body.code).join(),
    );
    const right = await post("127.0.1.99", `/api/checkin/${sheet.code}/tickets`, { digits: (await api.qr(teacher, sheet)).digits });
    assert.equal(right.body.code, "TYPING_PAUSED", "thirty wrong tries from thirty addresses pause the sheet's typing");
    const report = await api.call<{ guessing: { detected: boolean } }>("GET", `/api/sheets/${sheet.id}/presence`, { token: teacher.token });
    assert.equal(report.body.guessing.detected, true);
  });

  it("loses no acknowledged check-in and fails no request when an instance is killed mid-stream", async () => {
    const victim = cluster.instances[1] as Instance;
    const { outcome, sheet } = await underTraffic("K", async () => {
      const exited = exitOf(victim);
      victim.server?.child.kill("SIGKILL");
      assert.equal((await exited).signal, "SIGKILL");
    });
    assert.deepEqual(outcome.failures, [], "every client request succeeded");
    assert.ok(outcome.acknowledged.size >= 60);
    await assertStoredExactlyOnce(sheet.id, outcome.acknowledged);
    await cluster.start(victim);
    await servedByNginx(victim);
  });

  it("drains on SIGTERM: the request in flight completes, new connections are refused, silent ones closed, the process exits 0", async () => {
    const instance = cluster.instances[0] as Instance;
    const body = JSON.stringify({ email: api.uniqueEmail(), name: "Drain Test", password: api.PASSWORD });
    const socket = net.connect(instance.port, "127.0.0.1");
    let response = "";
    socket.on("data", (d: Buffer) => (response += d.toString()));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      `POST /api/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    // A connection that never sends a byte (a browser's pre-connection) must not hold the drain.
    const silent = net.connect(instance.port, "127.0.0.1");
    const silentClosed = new Promise<void>((resolve) => silent.once("close", () => resolve()));
    silent.on("error", () => undefined);
    // The instance has the request (headers parsed) once it is counted as a connection; give it a moment.
    await sleep(300);
    const exited = exitOf(instance);
    instance.server?.child.kill("SIGTERM");
    await eventually("listener closed", async () => {
      const probe = net.connect(instance.port, "127.0.0.1");
      return new Promise<boolean>((resolve) => {
        probe.once("connect", () => (probe.destroy(), resolve(false)));
        probe.once("error", () => resolve(true));
      });
    });
    // (Writing, not ending: a half-closed request socket would abort the request.)
    socket.write(body.slice(10));
    await closed;
    assert.match(response, /^HTTP\/1\.1 201 /, "the in-flight request completed");
    assert.match(response, /\r\nconnection: close\r\n/i, "and told the client not to reuse the connection");
    assert.deepEqual(await exited, { code: 0, signal: null });
    await silentClosed;
    const log = fs.readFileSync(instance.logFile, "utf8");
    assert.match(log, /"msg":"shutdown complete"/);
    assert.doesNotMatch(log, /shutdown timeout/, "the silent connection was closed, not waited for");
    await cluster.start(instance);
    await servedByNginx(instance);
  });

  it("fails no request during a rolling restart with SIGTERM, one instance at a time", async () => {
    const exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];
    const { outcome, sheet } = await underTraffic("R", async () => {
      for (const instance of cluster.instances) {
        const exited = exitOf(instance);
        instance.server?.child.kill("SIGTERM");
        exits.push(await exited);
        await cluster.start(instance);
        await eventually(`${instance.id} ready`, () => readyDirectly(instance));
        await servedByNginx(instance);
      }
    });
    assert.deepEqual(
      exits,
      cluster.instances.map(() => ({ code: 0, signal: null })),
      "each instance exited by itself, cleanly",
    );
    for (const instance of cluster.instances) {
      const log = fs.readFileSync(instance.logFile, "utf8");
      assert.match(log, /"msg":"shutdown complete"/, `${instance.id} logged its shutdown`);
      assert.doesNotMatch(log, /shutdown timeout/, `${instance.id} drained without cutting connections`);
    }
    assert.deepEqual(outcome.failures, [], "every client request succeeded");
    await assertStoredExactlyOnce(sheet.id, outcome.acknowledged);
  });

  it("answers 503 while PostgreSQL is unreachable and recovers by itself", async () => {
    const sheet = await api.newSheet(teacher, "outage");
    const ticket = await api.ticketFor(teacher, sheet);
    await proxy.cut();
    try {
      const ready = await api.call<{ ready: boolean; checks: { database: string } }>("GET", "/api/ready");
      assert.equal(ready.status, 503);
      assert.equal(ready.body.checks.database, "unreachable");
      const reply = await api.checkin(sheet, ticket, { studentNumber: "OUTAGE1", name: "Outage Student" });
      api.assertProblem(reply, 503, "SERVICE_UNAVAILABLE");
      assert.doesNotMatch(reply.text, /at .*\.js|ECONNREFUSED|prisma/i, "no internals in the answer");
      const listed = await api.call("GET", "/api/sheets", { token: teacher.token });
      api.assertProblem(listed, 503, "SERVICE_UNAVAILABLE");
      for (const instance of cluster.instances) {
        assert.equal((await fetch(`http://127.0.0.1:${instance.port}/api/health`)).status, 200, "liveness is unaffected");
      }
    } finally {
      await proxy.restore();
    }
    for (const instance of cluster.instances) await eventually(`${instance.id} ready again`, () => readyDirectly(instance));
    // nginx marked each instance failed on its 503s; it sends them requests again once the mark expires.
    for (const instance of cluster.instances) await servedByNginx(instance);
    const reply = await api.checkin(sheet, ticket, { studentNumber: "OUTAGE1", name: "Outage Student" });
    assert.equal(reply.status, 201);
  });

  it("rate-limits password logins per address with a problem+json 429", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 12; i++) {
      // A new address each time, so the app's own per-account throttle stays out of the way.
      const reply = await fetch(`${cluster.url}/api/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: api.uniqueEmail(), password: "wrong password" }),
      });
      statuses.push(reply.status);
      if (reply.status === 429) limited ??= reply;
      else await reply.arrayBuffer();
    }
    assert.ok(limited, `some attempts were refused (statuses: ${statuses.join(",")})`);
    assert.ok(statuses.includes(401), "the first attempts reached the app");
    assert.match(limited.headers.get("content-type") ?? "", /application\/problem\+json/);
    assert.equal(((await limited.json()) as { code: string }).code, "RATE_LIMITED");
  });
});

describe("live streams across instances", () => {
  const eventsPath = (sheet: Sheet) => `/api/sheets/${sheet.id}/events`;
  const auth = () => ({ authorization: `Bearer ${teacher.token}` });
  const direct = (instance: Instance) => `http://127.0.0.1:${instance.port}`;
  const addByHand = (base: string, sheet: Sheet, n: number) =>
    fetch(`${base}/api/sheets/${sheet.id}/attendances`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ studentNumber: `LIVE${n}`, name: `Live Student ${n}` }),
    });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it("shows a check-in taken by one instance on a stream held by another within a second", async () => {
    const [holder, taker] = cluster.instances as [Instance, Instance];
    const sheet = await api.newSheet(teacher, "live across");
    const stream = await openStream(`${direct(holder)}${eventsPath(sheet)}`, auth());
    try {
      assert.equal(stream.headers.get("x-instance-id"), holder.id);
      const qr = await api.call<{ token: string }>("GET", `/api/sheets/${sheet.id}/qr`, { token: teacher.token });
      const exchanged = await fetch(`${direct(taker)}/api/checkin/${sheet.code}/tickets`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: qr.body.token }),
      });
      const ticket = (await exchanged.json()) as { ticket: string };
      // The ticket works only with the browser cookie it came with.
      const browser = exchanged.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const registered = await fetch(`${direct(taker)}/api/checkin/${sheet.code}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: browser },
        body: JSON.stringify({ ticket: ticket.ticket, studentNumber: "ACROSS1", name: "Across Student", deviceId: "across-device-0001" }),
      });
      const acknowledgedAt = performance.now();
      assert.equal(registered.status, 201);
      assert.equal(registered.headers.get("x-instance-id"), taker.id);
      const change = await stream.nextChange<{ kind: string; entry: { studentNumber: string } }>(5000);
      const visibleMs = performance.now() - acknowledgedAt;
      assert.deepEqual([change?.kind, change?.entry.studentNumber], ["added", "ACROSS1"]);
      assert.ok(visibleMs <= 1000, `on the other instance's stream ${Math.round(visibleMs)} ms after the 201`);
    } finally {
      stream.close();
    }
  });

  it("passes events through nginx at once, unbuffered and uncompressed", async () => {
    const sheet = await api.newSheet(teacher, "live nginx");
    const stream = await openStream(`${cluster.url}${eventsPath(sheet)}`, { ...auth(), "accept-encoding": "gzip" });
    try {
      assert.equal(stream.status, 200);
      assert.equal(stream.headers.get("content-encoding"), null);
      assert.equal((await addByHand(cluster.url, sheet, 1)).status, 201);
      assert.equal((await stream.nextChange(5000))?.id, "1");
    } finally {
      stream.close();
    }
  });

  it("moves the streams of an instance drained with SIGTERM to the others, missing and repeating nothing", async () => {
    const sheet = await api.newSheet(teacher, "live drain");
    const followers = range(6).map(() => followStream(`${cluster.url}${eventsPath(sheet)}`, auth()));
    try {
      await eventually("every stream open", () => Promise.resolve(followers.every((f) => f.instances.length > 0)));
      const drained = cluster.instances.find((i) => followers.some((f) => f.instances[0] === i.id)) as Instance;
      const others = cluster.instances.filter((i) => i !== drained);
      let added = 0;
      for (; added < 10; added++) assert.equal((await addByHand(direct(others[0] as Instance), sheet, added + 1)).status, 201);
      const exited = exitOf(drained);
      drained.server?.child.kill("SIGTERM");
      for (; added < 20; added++) {
        assert.equal((await addByHand(direct(others[added % 2] as Instance), sheet, added + 1)).status, 201);
        await sleep(50);
      }
      assert.deepEqual(await exited, { code: 0, signal: null });
      await Promise.all(followers.map((f) => f.waitFor(20, 15_000)));
      for (const f of followers) assert.deepEqual(f.seqs, range(20), `every change once, in order (${f.instances.join(" → ")})`);
      const moved = followers.filter((f) => f.instances[0] === drained.id);
      assert.ok(
        moved.length > 0 && moved.every((f) => f.instances.length > 1 && f.instances.at(-1) !== drained.id),
        "its streams resumed elsewhere",
      );
    } finally {
      followers.forEach((f) => f.stop());
      // Even when the test failed: the tests after it need every instance.
      for (const instance of cluster.instances) {
        if (instance.server?.child.exitCode !== null) await cluster.start(instance);
        await servedByNginx(instance);
      }
    }
  });

  it("keeps its streams through a lost database connection, then delivers everything exactly once", async () => {
    const sheet = await api.newSheet(teacher, "live outage");
    const holder = cluster.instances[0] as Instance;
    const follower = followStream(`${direct(holder)}${eventsPath(sheet)}`, auth());
    try {
      assert.equal((await addByHand(cluster.url, sheet, 1)).status, 201);
      await follower.waitFor(1, 5000);
      await proxy.cut();
      await sleep(1500);
      await proxy.restore();
      for (const instance of cluster.instances) await eventually(`${instance.id} ready again`, () => readyDirectly(instance));
      for (const n of range(5)) assert.equal((await addByHand(cluster.url, sheet, n + 1)).status, 201);
      await follower.waitFor(6, 15_000);
      assert.deepEqual(follower.seqs, range(6));
    } finally {
      follower.stop();
    }
  });
});
