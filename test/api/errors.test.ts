import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { assertProblem, browserSession, call, closeDb, firstCourseUnitId, newTeacher, PASSWORD } from "../helpers/api";

after(closeDb);

describe("methods a path does not accept", () => {
  it("are answered with a problem+json 405 naming the accepted methods", async () => {
    const cases: [string, string, string][] = [
      ["DELETE", "/api/sheets", "GET, HEAD, POST"],
      ["PUT", "/api/checkin/ABCDEF/tickets", "POST"],
      ["GET", "/api/sheets/00000000-0000-4000-8000-000000000000/attendances/UP1/restore", "POST"],
      ["PATCH", "/api/tokens/current", "DELETE"],
    ];
    for (const [method, path, allow] of cases) {
      const reply = await call(method, path, { headers: { "accept-language": "pt" } });
      assertProblem(reply, 405, "METHOD_NOT_ALLOWED");
      assert.equal(reply.headers.get("allow"), allow, `${method} ${path}`);
      assert.equal(reply.headers.get("content-language"), "pt");
      assert.ok(reply.headers.get("x-request-id"));
    }
  });
});

describe("malformed requests", () => {
  it("malformed JSON is a 400 saying so", async () => {
    const reply = await call("POST", "/api/accounts", { rawBody: '{"email": "a@b.c",', headers: { "content-type": "application/json" } });
    assertProblem(reply, 400, "MALFORMED_JSON");
  });

  it("wrong types and unknown fields are named field by field", async () => {
    const reply = await call<{ errors: { field: string; code: string }[] }>("POST", "/api/accounts", {
      body: { email: 42, name: ["x"], password: "long enough password", isAdmin: true },
    });
    assertProblem(reply, 400, "VALIDATION_FAILED");
    const fields = Object.fromEntries(reply.body.errors.map((e) => [e.field, e.code]));
    assert.equal(fields.isAdmin, "unknown_field");
    assert.ok(fields.email);
    assert.ok(fields.name);
  });

  it('a number out of range or not whole is told as such, not as "must be a number"', async () => {
    const teacher = await newTeacher();
    const sheetId = "00000000-0000-4000-8000-000000000000";
    const cases: [string, string, string][] = [
      ["/api/sheets?limit=0", "query.limit", "must be 1 or more"],
      ["/api/sheets?limit=101", "query.limit", "must be at most 100"],
      ["/api/sheets?limit=2.5", "query.limit", "must be a whole number"],
      ["/api/sheets?limit=ten", "query.limit", "must be a number"],
      [`/api/sheets/${sheetId}/events?after=-1`, "query.after", "must be 0 or more"],
    ];
    for (const [path, field, message] of cases) {
      const reply = await call<{ errors: { field: string; message: string }[] }>("GET", path, { token: teacher.token });
      assertProblem(reply, 400, "VALIDATION_FAILED");
      assert.deepEqual(
        reply.body.errors.map((e) => [e.field, e.message]),
        [[field, message]],
        path,
      );
    }
  });

  it("a body that is not an object is refused", async () => {
    for (const raw of ["[]", '"text"', "null", "42"]) {
      const reply = await call("POST", "/api/accounts", { rawBody: raw, headers: { "content-type": "application/json" } });
      assertProblem(reply, 400, "VALIDATION_FAILED");
    }
  });

  it("a body over the limit is a 413, whether declared or streamed", async () => {
    const big = JSON.stringify({ email: "a@example.org", name: "x".repeat(100_000), password: "long enough password" });
    assertProblem(
      await call("POST", "/api/accounts", { rawBody: big, headers: { "content-type": "application/json" } }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
  });

  it("a body that is not JSON is a 415", async () => {
    const reply = await call("POST", "/api/accounts", {
      rawBody: "email=a@b.c",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("an unknown API route is a problem+json 404", async () => {
    assertProblem(await call("GET", "/api/no/such/thing"), 404, "NOT_FOUND");
    assertProblem(await call("POST", "/api/sheets/x/y/z/w", { body: {} }), 404, "NOT_FOUND");
  });

  it("errors carry the request id given by the proxy, and never a stack trace", async () => {
    const teacher = await newTeacher();
    const reply = await call<{ requestId: string }>("GET", "/api/sheets/123", {
      token: teacher.token,
      headers: { "x-request-id": "proxy-req-0001" },
    });
    assert.equal(reply.body.requestId, "proxy-req-0001");
    assert.equal(reply.headers.get("x-request-id"), "proxy-req-0001");
    assert.doesNotMatch(reply.text, /at \w+ \(|node_modules|\.ts:\d+/);
  });
});

describe("the browser session", () => {
  it("authenticates API calls from our own pages, and refuses changes from another site", async () => {
    const teacher = await newTeacher();
    const cookie = await browserSession(teacher.email, PASSWORD);
    const me = await call<{ email: string }>("GET", "/api/me", { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, teacher.email);

    const courseUnitId = await firstCourseUnitId(teacher.token);
    const forged = await call("POST", "/api/sheets", { body: { courseUnitId }, headers: { cookie, origin: "https://evil.example" } });
    assertProblem(forged, 403, "CROSS_ORIGIN_REQUEST");
    const crossSite = await call("POST", "/api/sheets", { body: { courseUnitId }, headers: { cookie, "sec-fetch-site": "cross-site" } });
    assertProblem(crossSite, 403, "CROSS_ORIGIN_REQUEST");
    const list = await call<{ items: unknown[] }>("GET", "/api/sheets", { headers: { cookie } });
    assert.deepEqual(list.body.items, []);

    const own = await call("POST", "/api/sheets", {
      body: { courseUnitId },
      headers: { cookie, origin: String(process.env.PUBLIC_ORIGIN) },
    });
    assert.equal(own.status, 201);
  });

  it("is refused with a wrong password", async () => {
    const teacher = await newTeacher();
    await assert.rejects(browserSession(teacher.email, "not the password"), /sign-in failed/);
  });
});
