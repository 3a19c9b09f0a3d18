import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { assertProblem, call, closeDb, firstCourseUnitId, newSheet, newTeacher } from "../helpers/api";

after(closeDb);

type SheetBody = { id: string; code: string; status: string; summary: string; closedAt: string | null; courseUnit: { id: string } };
type Page = { items: SheetBody[]; nextCursor: string | null };

describe("course units", () => {
  it("list the seeded catalogue, add one, and refuse a duplicate code", async () => {
    const teacher = await newTeacher();
    const list = await call<{ items: { code: string }[] }>("GET", "/api/course-units", { token: teacher.token });
    assert.equal(list.status, 200);
    assert.ok(list.body.items.length >= 10);
    const code = `T${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await call<{ id: string; code: string; name: string }>("POST", "/api/course-units", {
      token: teacher.token,
      body: { code: code.toLowerCase(), name: "Teste de Software" },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.code, code);
    const dup = await call("POST", "/api/course-units", { token: teacher.token, body: { code, name: "Again" } });
    assertProblem(dup, 409, "COURSE_UNIT_CODE_TAKEN");
  });

  it("with mine=true, list only units I have sheets in", async () => {
    const teacher = await newTeacher();
    const none = await call<{ items: unknown[] }>("GET", "/api/course-units?mine=true", { token: teacher.token });
    assert.deepEqual(none.body.items, []);
    const sheet = await newSheet(teacher);
    const mine = await call<{ items: { id: string }[] }>("GET", "/api/course-units?mine=true", { token: teacher.token });
    const got = await call<SheetBody>("GET", `/api/sheets/${sheet.id}`, { token: teacher.token });
    assert.deepEqual(
      mine.body.items.map((u) => u.id),
      [got.body.courseUnit.id],
    );
  });
});

describe("sheets", () => {
  it("open with a short code and close and reopen", async () => {
    const teacher = await newTeacher();
    const courseUnitId = await firstCourseUnitId(teacher.token);
    const created = await call<SheetBody>("POST", "/api/sheets", { token: teacher.token, body: { courseUnitId, summary: "Aula 1" } });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, "open");
    assert.match(created.body.code, /^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
    assert.equal(created.headers.get("location"), `/api/sheets/${created.body.id}`);

    const closed = await call<SheetBody>("PATCH", `/api/sheets/${created.body.id}`, { token: teacher.token, body: { status: "closed" } });
    assert.equal(closed.body.status, "closed");
    assert.ok(closed.body.closedAt);
    const reopened = await call<SheetBody>("PATCH", `/api/sheets/${created.body.id}`, {
      token: teacher.token,
      body: { status: "open", summary: "Aula 1 (revista)" },
    });
    assert.equal(reopened.body.status, "open");
    assert.equal(reopened.body.closedAt, null);
    assert.equal(reopened.body.summary, "Aula 1 (revista)");
  });

  it("refuse an unknown course unit and an empty change", async () => {
    const teacher = await newTeacher();
    const bad = await call("POST", "/api/sheets", { token: teacher.token, body: { courseUnitId: randomUUID() } });
    assertProblem(bad, 400, "VALIDATION_FAILED");
    const sheet = await newSheet(teacher);
    assertProblem(await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: {} }), 400, "VALIDATION_FAILED");
    assertProblem(
      await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "archived" } }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("list newest first, filter by course unit and status, and page with a cursor", async () => {
    const teacher = await newTeacher();
    const units = await call<{ items: { id: string }[] }>("GET", "/api/course-units", { token: teacher.token });
    const [u1, u2] = units.body.items.map((u) => u.id);
    const ids: string[] = [];
    for (const courseUnitId of [u1, u1, u2, u1, u2]) {
      const s = await call<SheetBody>("POST", "/api/sheets", { token: teacher.token, body: { courseUnitId } });
      ids.push(s.body.id);
    }
    await call("PATCH", `/api/sheets/${ids[0]}`, { token: teacher.token, body: { status: "closed" } });

    const all = await call<Page>("GET", "/api/sheets", { token: teacher.token });
    assert.deepEqual(
      all.body.items.map((s) => s.id),
      [...ids].reverse(),
    );
    assert.equal(all.body.nextCursor, null);

    const ofU1 = await call<Page>(`GET`, `/api/sheets?courseUnitId=${u1}`, { token: teacher.token });
    assert.deepEqual(
      ofU1.body.items.map((s) => s.id),
      [ids[3], ids[1], ids[0]],
    );
    const closed = await call<Page>("GET", "/api/sheets?status=closed", { token: teacher.token });
    assert.deepEqual(
      closed.body.items.map((s) => s.id),
      [ids[0]],
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/sheets?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const pageReply: { body: Page } = await call<Page>("GET", path, { token: teacher.token });
      seen.push(...pageReply.body.items.map((s) => s.id));
      cursor = pageReply.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());

    assertProblem(await call("GET", "/api/sheets?cursor=bogus", { token: teacher.token }), 400, "VALIDATION_FAILED");
    assertProblem(await call("GET", "/api/sheets?limit=0", { token: teacher.token }), 400, "VALIDATION_FAILED");
    assertProblem(await call("GET", "/api/sheets?color=red", { token: teacher.token }), 400, "VALIDATION_FAILED");
  });

  it("give the projection screen the QR URL, digits and expiry from the server's clock", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const qr = await call<{ url: string; token: string; digits: string; expiresAt: string; serverTime: string; windowSeconds: number }>(
      "GET",
      `/api/sheets/${sheet.id}/qr`,
      { token: teacher.token },
    );
    assert.equal(qr.status, 200);
    assert.equal(qr.body.url, `${process.env.PUBLIC_ORIGIN}/c/${sheet.code}?t=${qr.body.token}`);
    assert.match(qr.body.digits, /^\d{4}$/);
    const untilExpiry = Date.parse(qr.body.expiresAt) - Date.parse(qr.body.serverTime);
    assert.ok(untilExpiry > 0 && untilExpiry <= qr.body.windowSeconds * 1000);
  });
});

describe("another teacher's sheet", () => {
  it("is a 404 on every sheet route", async () => {
    const owner = await newTeacher();
    const intruder = await newTeacher();
    const sheet = await newSheet(owner);
    const attempts: [string, string, unknown?][] = [
      ["GET", `/api/sheets/${sheet.id}`],
      ["PATCH", `/api/sheets/${sheet.id}`, { status: "closed" }],
      ["GET", `/api/sheets/${sheet.id}/qr`],
      ["GET", `/api/sheets/${sheet.id}/attendances`],
      ["GET", `/api/sheets/${sheet.id}/attendances?format=csv`],
      ["POST", `/api/sheets/${sheet.id}/attendances`, { studentNumber: "X1", name: "Intruder" }],
      ["DELETE", `/api/sheets/${sheet.id}/attendances/X1`],
      ["POST", `/api/sheets/${sheet.id}/attendances/X1/restore`],
    ];
    for (const [method, path, body] of attempts) {
      assertProblem(await call(method, path, { token: intruder.token, body }), 404, "SHEET_NOT_FOUND");
    }
    const list = await call<Page>("GET", "/api/sheets", { token: intruder.token });
    assert.deepEqual(list.body.items, []);
    const still = await call<SheetBody>("GET", `/api/sheets/${sheet.id}`, { token: owner.token });
    assert.equal(still.body.status, "open");
  });

  it("a malformed sheet id is a 400 naming the field", async () => {
    const teacher = await newTeacher();
    const reply = await call<{ errors: { field: string }[] }>("GET", "/api/sheets/not-a-uuid", { token: teacher.token });
    assertProblem(reply, 400, "VALIDATION_FAILED");
    assert.equal(reply.body.errors[0]?.field, "path.id");
  });
});
