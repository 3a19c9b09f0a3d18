/**
 * Hostile inputs with a known answer: stale, forged, replayed and other-sheet QR tokens and tickets,
 * and each input the fuzzer (test/fuzz) once turned into a 500 or a reset connection.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertProblem, baseUrl, call, checkin, closeDb, db, newSheet, newTeacher, type Sheet, type Teacher } from "../helpers/api";
import { qrToken, sheetSecret, signBrowser, signTicket, windowAt } from "../helpers/forge";

after(closeDb);

let teacher: Teacher;
let sheet: Sheet;
let other: Sheet;
let closed: Sheet;

before(async () => {
  teacher = await newTeacher();
  sheet = await newSheet(teacher);
  other = await newSheet(teacher);
  closed = await newSheet(teacher);
  assert.equal((await call("PATCH", `/api/sheets/${closed.id}`, { token: teacher.token, body: { status: "closed" } })).status, 200);
});

const exchange = (code: string, token: string) => call("POST", `/api/checkin/${code}/tickets`, { body: { token } });
const count = async (sheetId: string) =>
  Number((await db().query<{ n: string }>("SELECT count(*) AS n FROM attendances WHERE sheet_id = $1", [sheetId])).rows[0]?.n);

describe("QR tokens", () => {
  it("are exchanged when current or one window old", async () => {
    const secret = await sheetSecret(sheet.id);
    assert.equal((await exchange(sheet.code, qrToken(secret, sheet.id))).status, 201);
    assert.equal((await exchange(sheet.code, qrToken(secret, sheet.id, windowAt() - 1))).status, 201);
  });

  it("are refused when stale, forged, from another sheet or for a closed sheet", async () => {
    const secret = await sheetSecret(sheet.id);
    assertProblem(await exchange(sheet.code, qrToken(secret, sheet.id, windowAt() - 5)), 410, "QR_TOKEN_EXPIRED");
    assertProblem(await exchange(sheet.code, qrToken(secret, sheet.id, windowAt() + 3)), 400, "QR_TOKEN_INVALID");
    assertProblem(await exchange(sheet.code, "AAAAAAAAAAAAAAAA"), 400, "QR_TOKEN_INVALID");
    assertProblem(await exchange(sheet.code, qrToken(await sheetSecret(other.id), other.id)), 400, "QR_TOKEN_INVALID");
    assertProblem(await exchange(sheet.code, qrToken(secret, other.id)), 400, "QR_TOKEN_INVALID");
    assertProblem(await exchange(closed.code, qrToken(await sheetSecret(closed.id), closed.id)), 409, "SHEET_CLOSED");
  });
});

describe("check-in tickets", () => {
  const student = (n: number) => ({ studentNumber: `UP20249${String(n).padStart(4, "0")}`, name: "Maria Silva" });

  it("signed like the server's are accepted (the forgeries below differ only where stated)", async () => {
    assert.equal((await checkin(sheet, signTicket(sheet), student(1))).status, 201);
  });

  it("are refused when expired, tampered, for another sheet, method or code", async () => {
    const before = await count(sheet.id);
    assertProblem(await checkin(sheet, signTicket(sheet, { ttlSeconds: -1 }), student(2)), 410, "TICKET_EXPIRED");
    assertProblem(await checkin(sheet, signTicket(other), student(2)), 400, "TICKET_INVALID");
    assertProblem(await checkin(sheet, signTicket(sheet, { method: "teacher" }), student(3)), 400, "TICKET_INVALID");
    const pushed = signTicket(sheet).split(".");
    pushed[3] = String(Number(pushed[3]) + 3600);
    assertProblem(await checkin(sheet, pushed.join("."), student(3)), 400, "TICKET_INVALID");
    const moved = signTicket(sheet).split(".");
    moved[0] = other.id;
    assertProblem(await checkin(sheet, moved.join("."), student(3)), 400, "TICKET_INVALID");
    assertProblem(await checkin(sheet, `${signTicket(sheet)}.extra`, student(3)), 400, "TICKET_INVALID");
    const unlate = signTicket(sheet, { late: true }).split(".");
    unlate[5] = "";
    assertProblem(await checkin(sheet, unlate.join("."), student(3)), 400, "TICKET_INVALID");
    assertProblem(await checkin(closed, signTicket(closed), student(3)), 409, "SHEET_CLOSED");
    assert.equal(await count(sheet.id), before);
  });

  it("replayed give back the same entry, never a second one", async () => {
    const ticket = signTicket(sheet);
    const first = await checkin(sheet, ticket, student(10));
    assert.equal(first.status, 201);
    const before = await count(sheet.id);
    const again = await checkin(sheet, ticket, student(10));
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    // Another browser learns nothing of the entry: not its name, not that it exists beyond the refusal.
    const elsewhere = await checkin(sheet, signTicket(sheet), { ...student(10), name: "Someone Else" });
    assertProblem(elsewhere, 409, "STUDENT_ALREADY_REGISTERED");
    assert.doesNotMatch(elsewhere.text, /Maria/);
    // The ticket without its browser's cookie, or with another browser's, is refused.
    assertProblem(await checkin(sheet, ticket, student(12), { cookie: "" }), 403, "TICKET_OTHER_BROWSER");
    assertProblem(await checkin(sheet, ticket, student(12), { cookie: signBrowser().cookie }), 403, "TICKET_OTHER_BROWSER");
    assertProblem(await checkin(sheet, ticket, student(12), { cookie: "presenca_browser=forged.1.x" }), 403, "TICKET_OTHER_BROWSER");
    assert.equal(await count(sheet.id), before);
  });
});

describe("inputs that once caused a 500 or a reset", () => {
  it("a NUL in the course-unit search or a token label", async () => {
    assertProblem(await call("GET", "/api/course-units?q=%00", { token: teacher.token }), 400, "VALIDATION_FAILED");
    const reply = await call("POST", "/api/tokens", {
      body: { email: teacher.email, password: "correct horse battery", label: "a\u0000b" },
    });
    assertProblem(reply, 400, "VALIDATION_FAILED");
  });

  it("pagination cursors that are not ours", async () => {
    for (const raw of [
      "2026-01-01T00:00:00.000Z|------------------------------------",
      "-271821-04-20T00:00:00.000Z|00000000-0000-0000-0000-000000000000",
      "0000-01-01T00:00:00.000Z|00000000-0000-0000-0000-000000000000",
    ]) {
      const cursor = Buffer.from(raw).toString("base64url");
      assertProblem(await call("GET", `/api/sheets?cursor=${cursor}`, { token: teacher.token }), 400, "VALIDATION_FAILED");
      assertProblem(
        await call("GET", `/api/sheets/${sheet.id}/attendances?cursor=${cursor}`, { token: teacher.token }),
        400,
        "VALIDATION_FAILED",
      );
    }
  });

  it("paths that are not valid percent-encoded UTF-8", async () => {
    for (const path of ["/api/sheets/%ZZ", "/api/sheets/%E0%A4%A/qr", "/api/checkin/%ED%A0%80/tickets", "/api/%FF"]) {
      assertProblem(await call("GET", path, { token: teacher.token }), 400, "VALIDATION_FAILED");
    }
  });

  it("an unpaired surrogate escaped in JSON, however deep", async () => {
    const lone = '{"email":"x@example.org","name":"Ana \\ud800","password":"correct horse battery"}';
    assertProblem(
      await call("POST", "/api/accounts", { rawBody: lone, headers: { "content-type": "application/json" } }),
      400,
      "MALFORMED_JSON",
    );
    const deep = `${"[".repeat(5000)}"\\udc00"${"]".repeat(5000)}`;
    assertProblem(
      await call("POST", "/api/course-units", { token: teacher.token, rawBody: deep, headers: { "content-type": "application/json" } }),
      400,
      "MALFORMED_JSON",
    );
    const paired = `{"code":"EMOJI${Date.now().toString(36).toUpperCase()}","name":"Ana \\ud83d\\ude00"}`;
    assert.equal(
      (await call("POST", "/api/course-units", { token: teacher.token, rawBody: paired, headers: { "content-type": "application/json" } }))
        .status,
      201,
    );
  });

  it("an oversized body streamed without a length gets its 413", async () => {
    for (const size of [17_000, 300_000]) {
      const chunk = new Uint8Array(size).fill(97);
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(chunk);
          controller.close();
        },
      });
      const response = await fetch(`${baseUrl}/api/accounts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit);
      assert.equal(response.status, 413);
      assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
      await response.text();
    }
  });
});
