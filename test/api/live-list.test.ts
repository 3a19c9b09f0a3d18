import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { baseUrl, browserSession, call, checkin, closeDb, newSheet, newTeacher, PASSWORD, ticketFor } from "../helpers/api";

after(closeDb);

describe("the attendance list for live polling", () => {
  it("answers 304 with no body while nothing changed, and the new list once something did", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const path = `/api/sheets/${sheet.id}/attendances`;
    const first = await call<{ items: unknown[] }>("GET", path, { token: teacher.token });
    assert.equal(first.status, 200);
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^W\/"[\w-]+"$/);
    assert.match(first.headers.get("cache-control") ?? "", /no-cache/);

    const same = await call("GET", path, { token: teacher.token, headers: { "if-none-match": etag ?? "" } });
    assert.equal(same.status, 304);
    assert.equal(same.text, "");
    assert.equal(same.headers.get("etag"), etag);

    const ticket = await ticketFor(teacher, sheet);
    assert.equal((await checkin(sheet, ticket, { studentNumber: "UP1", name: "Ana Lima" })).status, 201);
    const changed = await call<{ items: { studentNumber: string }[] }>("GET", path, {
      token: teacher.token,
      headers: { "if-none-match": etag ?? "" },
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(
      changed.body.items.map((a) => a.studentNumber),
      ["UP1"],
    );
    assert.notEqual(changed.headers.get("etag"), etag);

    // The ETag is the sheet's version: removing and restoring are changes, each answered once in full.
    const afterCheckin = changed.headers.get("etag") ?? "";
    assert.equal((await call("DELETE", `${path}/UP1`, { token: teacher.token })).status, 200);
    const removed = await call<{ items: unknown[] }>("GET", path, { token: teacher.token, headers: { "if-none-match": afterCheckin } });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.items, []);
    assert.equal((await call("POST", `${path}/UP1/restore`, { token: teacher.token })).status, 200);
    const restored = await call("GET", path, { token: teacher.token, headers: { "if-none-match": removed.headers.get("etag") ?? "" } });
    assert.equal(restored.status, 200);
    const again = await call("GET", path, { token: teacher.token, headers: { "if-none-match": restored.headers.get("etag") ?? "" } });
    assert.equal(again.status, 304);
  });

  it("carries the sheet's status, so closing the sheet changes the ETag too", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const path = `/api/sheets/${sheet.id}/attendances`;
    const open = await call<{ sheetStatus: string }>("GET", path, { token: teacher.token });
    assert.equal(open.body.sheetStatus, "open");
    assert.equal((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } })).status, 200);
    const closed = await call<{ sheetStatus: string }>("GET", path, {
      token: teacher.token,
      headers: { "if-none-match": open.headers.get("etag") ?? "" },
    });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.sheetStatus, "closed");
  });

  it("gives each page and query its own ETag", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const path = `/api/sheets/${sheet.id}/attendances`;
    const all = await call("GET", path, { token: teacher.token });
    const withRemoved = await call("GET", `${path}?includeRemoved=true`, {
      token: teacher.token,
      headers: { "if-none-match": all.headers.get("etag") ?? "" },
    });
    assert.equal(withRemoved.status, 200);
    assert.notEqual(withRemoved.headers.get("etag"), all.headers.get("etag"));
  });

  it("gives another teacher a 404, not a 304, whatever ETag they send", async () => {
    const owner = await newTeacher();
    const other = await newTeacher();
    const sheet = await newSheet(owner);
    const path = `/api/sheets/${sheet.id}/attendances`;
    const etag = (await call("GET", path, { token: owner.token })).headers.get("etag") ?? "";
    const reply = await call("GET", path, { token: other.token, headers: { "if-none-match": etag } });
    assert.equal(reply.status, 404);
  });

  it("answers an unchanged poll the same way by cookie or token, and only the right caller, query and format", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const path = `/api/sheets/${sheet.id}/attendances`;
    const etag = (await call("GET", path, { token: teacher.token })).headers.get("etag") ?? "";
    const cookie = await browserSession(teacher.email, PASSWORD);
    const byCookie = await fetch(`${baseUrl}${path}`, { headers: { cookie, "if-none-match": etag } });
    assert.equal(byCookie.status, 304);
    assert.equal(byCookie.headers.get("etag"), etag);
    for (const header of ["x-request-id", "x-instance-id", "x-content-type-options", "content-security-policy"]) {
      assert.ok(byCookie.headers.get(header), `the 304 carries ${header}`);
    }
    assert.equal((await fetch(`${baseUrl}${path}`, { headers: { "if-none-match": etag } })).status, 401);
    assert.equal(
      (await fetch(`${baseUrl}${path}`, { headers: { cookie: "authjs.session-token=forged", "if-none-match": etag } })).status,
      401,
    );
    const other = await call("GET", `${path}?limit=10`, { token: teacher.token, headers: { "if-none-match": etag } });
    assert.equal(other.status, 200, "another page size is another version");
    const invalid = await call<{ code: string }>("GET", `${path}?limit=0`, { token: teacher.token, headers: { "if-none-match": etag } });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, "VALIDATION_FAILED");
    const file = await call("GET", `${path}?format=csv`, { token: teacher.token, headers: { "if-none-match": etag } });
    assert.equal(file.status, 200);
    assert.match(file.headers.get("content-type") ?? "", /text\/csv/);
  });
});
