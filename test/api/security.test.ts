/**
 * Security properties of the built server: another teacher's sheets are invisible on every sheet
 * route, revoked tokens open nothing, password guessing is throttled per account and per address
 * across instances, cookies carry the right flags, and cookie-authenticated changes from other
 * origins are refused. Routes are taken from the OpenAPI document, so new ones are covered too.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  assertProblem,
  baseUrl,
  call,
  closeDb,
  db,
  newSheet,
  newTeacher,
  PASSWORD,
  type Reply,
  type Teacher,
  uniqueEmail,
} from "../helpers/api";
import { examplePath, exampleOf } from "../helpers/examples";
import { startInstance, type Instance } from "../helpers/instances";
import { loadOperations, type Operation } from "../helpers/openapi";
import { attribute, hasAttribute, signIn } from "../helpers/session";

let operations: Operation[];

before(async () => {
  operations = await loadOperations(baseUrl);
});
after(closeDb);

const bodyOf = (op: Operation) => (op.body ? exampleOf(op.body) : undefined);

describe("another teacher's sheet", () => {
  let owner: Teacher;
  let intruder: Teacher;
  let sheetId: string;
  let sheetRoutes: Operation[];
  const studentNumber = "UP202300001";

  const snapshot = async () => {
    const { rows } = await db().query(
      `SELECT s.status, s.summary, s.updated_at, s.closed_at,
              json_agg(json_build_object('n', a.student_number, 'name', a.name, 'removed', a.removed_at) ORDER BY a.student_number) AS attendances
       FROM sheets s LEFT JOIN attendances a ON a.sheet_id = s.id WHERE s.id = $1 GROUP BY s.id`,
      [sheetId],
    );
    return rows[0] as unknown;
  };

  before(async () => {
    owner = await newTeacher("Owner Teacher");
    intruder = await newTeacher("Intruder Teacher");
    const sheet = await newSheet(owner, "Private class");
    sheetId = sheet.id;
    const added = await call("POST", `/api/sheets/${sheetId}/attendances`, {
      token: owner.token,
      body: { studentNumber, name: "Maria Silva" },
    });
    assert.equal(added.status, 201);
    sheetRoutes = operations.filter((op) => op.path.startsWith("/api/sheets/{id}"));
  });

  it("covers every sheet route of the API", () => {
    const ids = sheetRoutes.map((op) => op.id);
    for (const expected of [
      "GET /api/sheets/{id}",
      "PATCH /api/sheets/{id}",
      "GET /api/sheets/{id}/qr",
      "GET /api/sheets/{id}/attendances",
      "POST /api/sheets/{id}/attendances",
      "DELETE /api/sheets/{id}/attendances/{studentNumber}",
      "POST /api/sheets/{id}/attendances/{studentNumber}/restore",
    ]) {
      assert.ok(ids.includes(expected), `${expected} is missing from the OpenAPI document`);
    }
  });

  it("answers 404, as for a missing sheet, on every sheet route with a token, and changes nothing", async () => {
    const before = await snapshot();
    for (const op of sheetRoutes) {
      const reply = await call(op.method, examplePath(op, { id: sheetId, studentNumber }), { token: intruder.token, body: bodyOf(op) });
      assertProblem(reply, 404, "SHEET_NOT_FOUND");
      const missing = await call(op.method, examplePath(op, { id: randomUUID(), studentNumber }), {
        token: intruder.token,
        body: bodyOf(op),
      });
      assert.equal(
        missing.text.replace(/"requestId":"[^"]+"/, ""),
        reply.text.replace(/"requestId":"[^"]+"/, ""),
        `${op.id}: another's sheet reads differently from a missing one`,
      );
    }
    assert.deepEqual(await snapshot(), before);
  });

  it("answers 404 on every sheet route with a browser session too", async () => {
    const session = await signIn(baseUrl, intruder.email, PASSWORD);
    assert.ok(session.cookie, `sign-in failed with ${session.status}`);
    const before = await snapshot();
    for (const op of sheetRoutes) {
      const reply = await call(op.method, examplePath(op, { id: sheetId, studentNumber }), {
        body: bodyOf(op),
        headers: { cookie: session.cookie, origin: new URL(baseUrl).origin },
      });
      assertProblem(reply, 404, "SHEET_NOT_FOUND");
    }
    assert.deepEqual(await snapshot(), before);
  });

  it("does not list it among the other teacher's sheets", async () => {
    const list = await call<{ items: { id: string }[] }>("GET", "/api/sheets?limit=100", { token: intruder.token });
    assert.equal(list.status, 200);
    assert.ok(!list.body.items.some((s) => s.id === sheetId));
  });

  it("serves the same requests to the owner (so the 404s above were about ownership)", async () => {
    for (const op of sheetRoutes) {
      // A correction to the number the entry already has keeps it for the routes that follow.
      const path = examplePath(op, { id: sheetId, studentNumber });
      if (op.id.endsWith("/events")) {
        // A live stream stays open for minutes: its opening is what this test is about.
        const opened = new AbortController();
        const stream = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${owner.token}` }, signal: opened.signal });
        opened.abort();
        assert.equal(stream.status, 200, `${op.id} answered the owner ${stream.status}`);
        assert.match(stream.headers.get("content-type") ?? "", /^text\/event-stream/);
        continue;
      }
      const body = op.id.endsWith("/correction") ? { studentNumber } : bodyOf(op);
      const reply = await call(op.method, path, { token: owner.token, body });
      assert.ok(reply.status >= 200 && reply.status < 300, `${op.id} answered the owner ${reply.status} ${reply.text.slice(0, 200)}`);
    }
  });
});

describe("a course unit outside the teacher's team", () => {
  let owner: Teacher;
  let colleague: Teacher;
  let intruder: Teacher;
  let unitId: string;
  let unitRoutes: Operation[];
  const studentNumber = "UP202300001";
  const file = "Número;Nome\r\nUP202300001;Maria Silva\r\nUP202300002;Rui Lopes\r\n";

  const snapshot = async () => {
    const { rows } = await db().query(
      `SELECT cu.owner_id, cu.late_after_minutes, cu.minimum_rate,
              (SELECT json_agg(teacher_id ORDER BY teacher_id) FROM course_unit_members WHERE course_unit_id = cu.id) AS members,
              (SELECT json_agg(json_build_object('n', student_number, 'name', name, 'email', email, 'group', class_group) ORDER BY student_number)
                 FROM roster_students WHERE course_unit_id = cu.id) AS roster,
              (SELECT json_agg(json_build_object('n', a.student_number, 'status', a.status, 'removed', a.removed_at) ORDER BY a.student_number)
                 FROM attendances a JOIN sheets s ON s.id = a.sheet_id WHERE s.course_unit_id = cu.id) AS attendances
       FROM course_units cu WHERE cu.id = $1`,
      [unitId],
    );
    return rows[0] as unknown;
  };
  const requestOf = (op: Operation, id: string, teacher: Teacher) => ({
    path: examplePath(op, { id, studentNumber, teacherId: colleague.id }),
    options:
      op.path.endsWith("/roster/preview") || op.path.endsWith("/roster/import")
        ? { token: teacher.token, rawBody: file, headers: { "content-type": "text/csv" } }
        : { token: teacher.token, body: validBody(op) },
  });
  // The documented examples, with real e-mail addresses (the invitation names an existing account).
  const validBody = (op: Operation) => {
    const body = bodyOf(op);
    if (!body || typeof body !== "object" || !("email" in body)) return body;
    return { ...body, email: op.path.endsWith("/teachers") ? colleague.email : "rita@example.org" };
  };

  before(async () => {
    owner = await newTeacher("Unit Owner");
    colleague = await newTeacher("Unit Colleague");
    intruder = await newTeacher("Unit Intruder");
    const code = `SEC${randomUUID().slice(0, 8).toUpperCase()}`;
    const unit = await call<{ id: string }>("POST", "/api/course-units", { token: owner.token, body: { code, name: "Segurança" } });
    unitId = unit.body.id;
    assert.equal(
      (await call("POST", `/api/course-units/${unitId}/teachers`, { token: owner.token, body: { email: colleague.email } })).status,
      201,
    );
    assert.equal(
      (await call("POST", `/api/course-units/${unitId}/roster`, { token: owner.token, body: { studentNumber, name: "Maria Silva" } }))
        .status,
      201,
    );
    const sheet = await call<{ id: string }>("POST", "/api/sheets", { token: owner.token, body: { courseUnitId: unitId } });
    await call("POST", `/api/sheets/${sheet.body.id}/attendances`, { token: owner.token, body: { studentNumber, name: "Maria Silva" } });
    unitRoutes = operations.filter((op) => op.path.startsWith("/api/course-units/{id}") || op.path.startsWith("/api/students/"));
  });

  it("covers every course-unit team route and the student data routes", () => {
    const ids = unitRoutes.map((op) => op.id);
    for (const expected of [
      "GET /api/course-units/{id}",
      "PATCH /api/course-units/{id}",
      "GET /api/course-units/{id}/teachers",
      "POST /api/course-units/{id}/teachers",
      "DELETE /api/course-units/{id}/teachers/{teacherId}",
      "GET /api/course-units/{id}/roster",
      "POST /api/course-units/{id}/roster",
      "PATCH /api/course-units/{id}/roster/{studentNumber}",
      "DELETE /api/course-units/{id}/roster/{studentNumber}",
      "POST /api/course-units/{id}/roster/preview",
      "POST /api/course-units/{id}/roster/import",
      "GET /api/course-units/{id}/report",
      "GET /api/students/{studentNumber}",
      "DELETE /api/students/{studentNumber}",
    ]) {
      assert.ok(ids.includes(expected), `${expected} is missing from the OpenAPI document`);
    }
  });

  it("answers 404, as for a missing unit, on every route to a non-member (token and session), and changes nothing", async () => {
    const before = await snapshot();
    const session = await signIn(baseUrl, intruder.email, PASSWORD);
    assert.ok(session.cookie, `sign-in failed with ${session.status}`);
    for (const op of unitRoutes) {
      const { path, options } = requestOf(op, unitId, intruder);
      const reply = await call(op.method, path, options);
      assertProblem(reply, 404, "NOT_FOUND");
      const missing = requestOf(op, randomUUID(), intruder);
      const other = await call(op.method, missing.path, missing.options);
      assert.equal(
        other.text.replace(/"requestId":"[^"]+"/, ""),
        reply.text.replace(/"requestId":"[^"]+"/, ""),
        `${op.id}: a unit outside the team reads differently from a missing one`,
      );
      const viaCookie = await call(op.method, path, {
        ...options,
        token: undefined,
        headers: { ...("headers" in options ? options.headers : {}), cookie: session.cookie, origin: new URL(baseUrl).origin },
      });
      assertProblem(viaCookie, 404, "NOT_FOUND");
    }
    assert.deepEqual(await snapshot(), before);
  });

  it("answers 404 to a co-teacher once removed, and the owner's reads to the owner", async () => {
    const read = unitRoutes.filter((op) => op.method === "GET");
    for (const op of read) {
      const { path, options } = requestOf(op, unitId, colleague);
      assert.equal((await call(op.method, path, options)).status, 200, `${op.id} for a member`);
    }
    assert.equal((await call("DELETE", `/api/course-units/${unitId}/teachers/${colleague.id}`, { token: owner.token })).status, 204);
    const before = await snapshot();
    for (const op of unitRoutes.filter((o) => o.path.startsWith("/api/course-units/"))) {
      const { path, options } = requestOf(op, unitId, colleague);
      assertProblem(await call(op.method, path, options), 404, "NOT_FOUND");
    }
    assert.deepEqual(await snapshot(), before);
  });
});

describe("revoked API tokens", () => {
  it("are refused by every authenticated operation", async () => {
    const teacher = await newTeacher();
    const spare = await call<{ id: string; token: string }>("POST", "/api/tokens", {
      body: { email: teacher.email, password: PASSWORD, label: "spare" },
    });
    assert.equal(spare.status, 201);
    assert.equal((await call("GET", "/api/me", { token: spare.body.token })).status, 200);
    assert.equal((await call("DELETE", `/api/tokens/${spare.body.id}`, { token: teacher.token })).status, 204);

    const secured = operations.filter((op) => op.secured);
    assert.ok(secured.length >= 15);
    for (const op of secured) {
      const reply = await call(op.method, examplePath(op), { token: spare.body.token, body: bodyOf(op) });
      assertProblem(reply, 401, "UNAUTHENTICATED");
      assert.match(reply.headers.get("www-authenticate") ?? "", /^Bearer/);
    }
    const listed = await call<{ items: { id: string }[] }>("GET", "/api/tokens", { token: teacher.token });
    assert.ok(!listed.body.items.some((t) => t.id === spare.body.id), "a revoked token is still listed");
  });

  it("include the token that revoked itself (log-out)", async () => {
    const teacher = await newTeacher();
    assert.equal((await call("DELETE", "/api/tokens/current", { token: teacher.token })).status, 204);
    assertProblem(await call("GET", "/api/me", { token: teacher.token }), 401, "UNAUTHENTICATED");
    assertProblem(await call("DELETE", "/api/tokens/current", { token: teacher.token }), 401, "UNAUTHENTICATED");
  });
});

describe("client address without a trusted proxy", () => {
  let direct: Instance;
  before(async () => {
    direct = await startInstance("no-proxy-1", { TRUST_PROXY: "false" });
  });
  after(async () => {
    await direct?.stop();
  });

  it("counts a failed login against the socket's address, not the one the client claims", async () => {
    const claimed = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const throttleOf = async (key: string) =>
      (await db().query<{ failures: number }>("SELECT failures FROM login_throttles WHERE key = $1", [key])).rows[0]?.failures ?? 0;
    const reply = await fetch(`${direct.url}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": claimed, "x-real-ip": claimed },
      body: JSON.stringify({ email: uniqueEmail(), password: "nope" }),
    });
    assert.equal(reply.status, 401);
    assert.equal(await throttleOf(`ip:${claimed}`), 0, "the claimed address is not counted");
    assert.ok((await throttleOf("ip:127.0.0.1")) >= 1, "the socket's address is counted");
  });
});

describe("login throttling across instances", () => {
  const maxPerAccount = 5;
  const maxPerAccountOverall = 7;
  const maxPerAddress = 8;
  let first: Instance;
  let second: Instance;

  before(async () => {
    const env = {
      TRUST_PROXY: "true",
      LOGIN_MAX_FAILURES: String(maxPerAccount),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(maxPerAccountOverall),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(maxPerAddress),
    };
    [first, second] = await Promise.all([startInstance("throttle-1", env), startInstance("throttle-2", env)]);
  });
  after(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  const login = async (instance: Instance, address: string, email: string, password: string): Promise<Reply> => {
    const response = await fetch(`${instance.url}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-real-ip": address },
      body: JSON.stringify({ email, password }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Record<string, unknown> };
  };

  /**
   * Fails logins, alternating instances, until a lock of at least two seconds is seen: each failure
   * past the allowance doubles the lock, and a locked key records no failures, so this waits out the
   * first one-second lock. Returns how many failures were answered 401 before the first 429.
   */
  async function failUntilLocked(attempt: (instance: Instance) => Promise<Reply>): Promise<{ before429: number; retryAfter: number }> {
    let before429 = 0;
    let seen429 = false;
    for (let i = 0; i < 40; i++) {
      const reply = await attempt(i % 2 === 0 ? first : second);
      if (reply.status === 401) {
        assertProblem(reply, 401, "INVALID_CREDENTIALS");
        if (!seen429) before429++;
        continue;
      }
      assertProblem(reply, 429, "TOO_MANY_ATTEMPTS");
      seen429 = true;
      const retryAfter = Number(reply.headers.get("retry-after"));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After is ${reply.headers.get("retry-after")}`);
      if (retryAfter >= 2) return { before429, retryAfter };
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    }
    assert.fail("no lock of two seconds or more after 40 failed logins");
  }

  it("locks an account after failures from several addresses, only for the addresses that failed", async () => {
    const teacher = await newTeacher();
    const attackers = ["198.19.0.11", "198.19.0.12", "198.19.0.13"];
    let n = 0;
    const { before429 } = await failUntilLocked((instance) =>
      login(instance, attackers[n++ % attackers.length] ?? "", teacher.email, "wrong password!"),
    );
    // One more when the machine stalled past the first lock.
    assert.ok(before429 === maxPerAccountOverall || before429 === maxPerAccountOverall + 1, `locked after ${before429} failures`);
    // Every address that failed is refused even the right password, on either instance...
    for (const address of attackers) assertProblem(await login(second, address, teacher.email, PASSWORD), 429, "TOO_MANY_ATTEMPTS");
    // ...a new address gets one guess, no more...
    assertProblem(await login(first, "198.19.0.14", teacher.email, "wrong password!"), 401, "INVALID_CREDENTIALS");
    assertProblem(await login(second, "198.19.0.14", teacher.email, PASSWORD), 429, "TOO_MANY_ATTEMPTS");
    // ...and the teacher, from an address that never failed, still signs in.
    assert.equal((await login(first, "198.19.0.200", teacher.email, PASSWORD)).status, 201);
  });

  it("locks an account from one address after its own allowance", async () => {
    const teacher = await newTeacher();
    const { before429 } = await failUntilLocked((instance) => login(instance, "198.19.0.30", teacher.email, "wrong password!"));
    assert.ok(before429 === maxPerAccount || before429 === maxPerAccount + 1, `locked after ${before429} failures`);
    assert.equal((await login(second, "198.19.0.31", teacher.email, PASSWORD)).status, 201);
  });

  it("locks an address after repeated failures on any accounts, and only that address", async () => {
    const address = "203.0.113.77";
    const teacher = await newTeacher();
    const { before429 } = await failUntilLocked((instance) => login(instance, address, uniqueEmail(), "wrong password!"));
    assert.ok(before429 === maxPerAddress || before429 === maxPerAddress + 1, `locked after ${before429} failures`);
    assertProblem(await login(first, address, teacher.email, PASSWORD), 429, "TOO_MANY_ATTEMPTS");
    assert.equal((await login(second, "203.0.113.78", teacher.email, PASSWORD)).status, 201);
  });
});

describe("cookies", () => {
  let https: Instance;
  let teacher: Teacher;

  before(async () => {
    teacher = await newTeacher();
    https = await startInstance("https-origin", { PUBLIC_ORIGIN: "https://presenca.test" });
  });
  after(async () => {
    await https?.stop();
  });

  it("are HttpOnly, SameSite=Lax and not Secure when the public origin is http", async () => {
    const session = await signIn(baseUrl, teacher.email, PASSWORD);
    const cookies = [...session.csrfCookies, ...session.sessionCookies];
    assert.ok(
      cookies.some((c) => c.name === "next-auth.csrf-token"),
      "no CSRF cookie",
    );
    assert.ok(
      cookies.some((c) => c.name === "next-auth.session-token"),
      `no session cookie (sign-in answered ${session.status})`,
    );
    for (const cookie of cookies) {
      assert.ok(hasAttribute(cookie, "HttpOnly"), `${cookie.name} is readable by scripts`);
      assert.equal(attribute(cookie, "SameSite")?.toLowerCase(), "lax", `${cookie.name} SameSite`);
      assert.equal(attribute(cookie, "Path"), "/", `${cookie.name} Path`);
      assert.ok(!hasAttribute(cookie, "Secure"), `${cookie.name} is Secure on plain http, so the browser would drop it`);
    }
  });

  it("are also Secure, with __Host-/__Secure- names, when the public origin is https", async () => {
    const session = await signIn(https.url, teacher.email, PASSWORD);
    const csrf = session.csrfCookies.find((c) => c.name === "__Host-next-auth.csrf-token");
    const token = session.sessionCookies.find((c) => c.name === "__Secure-next-auth.session-token");
    assert.ok(csrf, `no __Host- CSRF cookie: ${session.csrfCookies.map((c) => c.name).join(", ")}`);
    assert.ok(token, `no __Secure- session cookie (sign-in answered ${session.status})`);
    for (const cookie of [...session.csrfCookies, ...session.sessionCookies]) {
      assert.ok(hasAttribute(cookie, "Secure"), `${cookie.name} is not Secure`);
      assert.ok(hasAttribute(cookie, "HttpOnly"), `${cookie.name} is readable by scripts`);
      assert.equal(attribute(cookie, "SameSite")?.toLowerCase(), "lax", `${cookie.name} SameSite`);
    }
    assert.ok(!hasAttribute(csrf, "Domain"), "a __Host- cookie must not name a domain");
    // The instance reads the cookie it set, and not the plain-http one.
    const me = await fetch(`${https.url}/api/me`, { headers: { cookie: session.cookie } });
    assert.equal(me.status, 200);
    const plain = await fetch(`${https.url}/api/me`, { headers: { cookie: `next-auth.session-token=${token.value}` } });
    assert.equal(plain.status, 401);
  });
});

describe("cookie-authenticated changes from another origin", () => {
  let teacher: Teacher;
  let cookie: string;
  const origin = new URL(baseUrl).origin;

  const counts = async () => {
    const { rows } = await db().query(
      `SELECT (SELECT count(*) FROM sheets WHERE owner_id = $1)::int AS sheets,
              (SELECT count(*) FROM course_units WHERE created_by_id = $1)::int AS units,
              (SELECT count(*) FROM api_tokens WHERE teacher_id = $1 AND revoked_at IS NULL)::int AS tokens,
              (SELECT name || email || password_hash FROM teachers WHERE id = $1) AS account`,
      [teacher.id],
    );
    return rows[0] as unknown;
  };

  before(async () => {
    teacher = await newTeacher();
    await newSheet(teacher);
    const session = await signIn(baseUrl, teacher.email, PASSWORD);
    cookie = session.cookie;
    assert.ok(cookie, `sign-in failed with ${session.status}`);
  });

  it("are refused on every authenticated operation that changes something, and change nothing", async () => {
    const { rows } = await db().query<{ id: string }>("SELECT id FROM sheets WHERE owner_id = $1", [teacher.id]);
    const changes = operations.filter((op) => op.secured && op.method !== "GET");
    assert.ok(changes.length >= 8);
    const before = await counts();
    for (const op of changes) {
      const path = examplePath(op, { id: op.path.startsWith("/api/tokens") ? "current" : rows[0]!.id });
      const foreign: Record<string, string>[] = [
        { origin: "https://attacker.example" },
        { origin: "null" },
        { "sec-fetch-site": "cross-site" },
      ];
      for (const headers of foreign) {
        const reply = await call(op.method, path, { body: bodyOf(op), headers: { ...headers, cookie } });
        assertProblem(reply, 403, "CROSS_ORIGIN_REQUEST");
      }
    }
    assert.deepEqual(await counts(), before);
  });

  it("are accepted from the site itself, and reads are not blocked", async () => {
    const units = await call<{ items: { id: string }[] }>("GET", "/api/course-units", {
      headers: { cookie, origin: "https://attacker.example" },
    });
    assert.equal(units.status, 200);
    const created = await call("POST", "/api/sheets", { body: { courseUnitId: units.body.items[0]!.id }, headers: { cookie, origin } });
    assert.equal(created.status, 201);
    const fetchSite = await call("POST", "/api/sheets", {
      body: { courseUnitId: units.body.items[0]!.id },
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    assert.equal(fetchSite.status, 201);
  });
});
