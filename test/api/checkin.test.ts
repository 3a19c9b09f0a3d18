import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { qrDigits, qrToken, windowAt } from "@/server/checkin-tokens";
import {
  assertProblem,
  bindTicket,
  call,
  checkin,
  cookieOf,
  setCookieOf,
  closeDb,
  db,
  newSheet,
  newTeacher,
  qr,
  ticketFor,
  type Sheet,
  type Teacher,
} from "../helpers/api";

after(closeDb);

type Attendance = { studentNumber: string; name: string; method: string; createdAt: string; removedAt: string | null };

async function sheetSecret(sheet: Sheet): Promise<Buffer> {
  const { rows } = await db().query<{ secret: Buffer }>("SELECT secret FROM sheets WHERE id = $1", [sheet.id]);
  const secret = rows[0]?.secret;
  assert.ok(secret);
  return secret;
}

async function setup(): Promise<{ teacher: Teacher; sheet: Sheet }> {
  const teacher = await newTeacher();
  return { teacher, sheet: await newSheet(teacher) };
}

describe("the public sheet page", () => {
  it("shows only the course unit and whether the sheet is open: no teacher, no summary, no secrets", async () => {
    const { sheet } = await setup();
    const reply = await call<Record<string, unknown>>("GET", `/api/checkin/${sheet.code.toLowerCase()}`);
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.body).sort(), ["code", "courseUnit", "status"]);
    assert.equal(reply.body.code, sheet.code);
    assert.equal(reply.body.status, "open");
    assert.doesNotMatch(reply.text, /Test Teacher|Aula/);
  });

  it("is a 404 with a helpful message for an unknown code, in the student's language", async () => {
    const reply = await call<{ detail: string }>("GET", "/api/checkin/AAAAAA", { headers: { "accept-language": "pt-PT" } });
    assertProblem(reply, 404, "SHEET_NOT_FOUND");
    assert.match(reply.body.detail, /código/);
    assertProblem(await call("GET", "/api/checkin/0OIL15"), 400, "VALIDATION_FAILED");
  });
});

describe("tickets", () => {
  it("come from the current QR token or the typed digits", async () => {
    const { teacher, sheet } = await setup();
    const now = await qr(teacher, sheet);
    const byToken = await call<{ ticket: string; expiresAt: string }>("POST", `/api/checkin/${sheet.code}/tickets`, {
      body: { token: now.token },
    });
    assert.equal(byToken.status, 201);
    assert.ok(Date.parse(byToken.body.expiresAt) - Date.now() > 60_000);
    const byDigits = await call<{ ticket: string }>("POST", `/api/checkin/${sheet.code}/tickets`, { body: { digits: now.digits } });
    assert.equal(byDigits.status, 201);
    bindTicket(byDigits.body.ticket, setCookieOf(byDigits.headers));
    const registered = await checkin(sheet, byDigits.body.ticket, { studentNumber: "D1", name: "Typed Code" });
    assert.equal((registered.body as Attendance).method, "code");
  });

  it("are refused for a QR photographed long ago, with the expired message", async () => {
    const { sheet } = await setup();
    const old = qrToken(await sheetSecret(sheet), sheet.id, windowAt(Date.now()) - 3);
    const reply = await call<{ detail: string }>("POST", `/api/checkin/${sheet.code}/tickets`, {
      body: { token: old },
      headers: { "accept-language": "en" },
    });
    assertProblem(reply, 410, "QR_TOKEN_EXPIRED");
    assert.match(reply.body.detail, /expired/);
  });

  it("are refused for forged tokens, another sheet's token and stale digits", async () => {
    const { teacher, sheet } = await setup();
    const other = await newSheet(teacher);
    const otherToken = (await qr(teacher, other)).token;
    assertProblem(
      await call("POST", `/api/checkin/${sheet.code}/tickets`, { body: { token: "AAAAAAAAAAAAAAAA" } }),
      400,
      "QR_TOKEN_INVALID",
    );
    assertProblem(await call("POST", `/api/checkin/${sheet.code}/tickets`, { body: { token: otherToken } }), 400, "QR_TOKEN_INVALID");
    const secret = await sheetSecret(sheet);
    const current = windowAt(Date.now());
    const valid = new Set([
      qrDigits(secret, sheet.id, current),
      qrDigits(secret, sheet.id, current - 1),
      qrDigits(secret, sheet.id, current + 1),
    ]);
    const stale = [5, 6, 7, 8].map((k) => qrDigits(secret, sheet.id, current - k)).find((d) => !valid.has(d));
    assert.ok(stale);
    assertProblem(await call("POST", `/api/checkin/${sheet.code}/tickets`, { body: { digits: stale } }), 400, "DIGITS_INVALID");
    assertProblem(await call("POST", `/api/checkin/${sheet.code}/tickets`, { body: {} }), 400, "VALIDATION_FAILED");
    assertProblem(
      await call("POST", `/api/checkin/${sheet.code}/tickets`, { body: { token: otherToken, digits: "1234" } }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("are refused, and so is registering, once the sheet is closed", async () => {
    const { teacher, sheet } = await setup();
    const ticket = await ticketFor(teacher, sheet);
    await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } });
    const token = (await qr(teacher, sheet)).token;
    assertProblem(await call("POST", `/api/checkin/${sheet.code}/tickets`, { body: { token } }), 409, "SHEET_CLOSED");
    const late = await checkin(sheet, ticket, { studentNumber: "L1", name: "Late Student" });
    assertProblem(late, 409, "SHEET_CLOSED");
    const { rows } = await db().query("SELECT 1 FROM attendances WHERE sheet_id = $1", [sheet.id]);
    assert.equal(rows.length, 0);
  });

  it("cannot be used on another sheet, nor forged", async () => {
    const { teacher, sheet } = await setup();
    const other = await newSheet(teacher);
    const ticket = await ticketFor(teacher, sheet);
    assertProblem(await checkin(other, ticket, { studentNumber: "X1", name: "Wrong Sheet" }), 400, "TICKET_INVALID");
    const parts = ticket.split(".");
    parts[3] = String(Number(parts[3]) + 86_400);
    const extended = parts.join(".");
    bindTicket(extended, cookieOf(ticket));
    assertProblem(await checkin(sheet, extended, { studentNumber: "X1", name: "Forger" }), 400, "TICKET_INVALID");
  });
});

describe("registering", () => {
  it("is idempotent for the same student: 201 then 200 with the same entry", async () => {
    const { teacher, sheet } = await setup();
    const ticket = await ticketFor(teacher, sheet);
    const first = await checkin(sheet, ticket, { studentNumber: "UP1", name: "Rita Sousa" });
    const again = await checkin(sheet, ticket, { studentNumber: " up1 ", name: "Rita Sousa" });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
  });

  it("lets a browser correct its own entry once; a further student is refused, in the student's language", async () => {
    const { teacher, sheet } = await setup();
    const ticket = await ticketFor(teacher, sheet);
    const first = await checkin(sheet, ticket, { studentNumber: "A077", name: "Rita Sousa" });
    assert.equal(first.status, 201);
    assert.match(String(first.body.receipt), /^[34679ACDEFGHJKMNPQRTUVWXY]{5}$/);
    // A fresh scan from the same browser (a new ticket) may correct the typo.
    const again = await ticketFor(teacher, sheet, cookieOf(ticket));
    const corrected = await checkin(sheet, again, { studentNumber: "A070", name: "Rita Sousa" });
    assert.equal(corrected.status, 200);
    assert.equal(corrected.body.id, first.body.id);
    assert.equal(corrected.body.studentNumber, "A070");
    assert.equal(corrected.body.correctedFrom, "A077 · Rita Sousa");
    assert.equal(corrected.body.receipt, first.body.receipt);
    const second = await checkin(sheet, again, { studentNumber: "A2", name: "Second" }, { "accept-language": "pt-PT" });
    assertProblem(second, 409, "CORRECTION_USED");
    assert.match(String(second.body.detail), /corrigiu/);
    const list = await call<{ items: { studentNumber: string; correctedFrom: string | null; receipt: string }[] }>(
      "GET",
      `/api/sheets/${sheet.id}/attendances`,
      { token: teacher.token },
    );
    assert.deepEqual(
      list.body.items.map((i) => [i.studentNumber, i.correctedFrom, i.receipt]),
      [["A070", "A077 · Rita Sousa", first.body.receipt]],
    );
    const added = await call("POST", `/api/sheets/${sheet.id}/attendances`, {
      token: teacher.token,
      body: { studentNumber: "A2", name: "Second" },
    });
    assert.equal(added.status, 201);
  });

  it("refuses a correction once the ticket's lifetime has passed", async () => {
    const { teacher, sheet } = await setup();
    const ticket = await ticketFor(teacher, sheet);
    assert.equal((await checkin(sheet, ticket, { studentNumber: "B1", name: "Bruno Braga" })).status, 201);
    await db().query("UPDATE attendances SET created_at = now() - interval '1 hour' WHERE sheet_id = $1", [sheet.id]);
    assertProblem(await checkin(sheet, ticket, { studentNumber: "B2", name: "Bruno Braga" }), 409, "CORRECTION_EXPIRED");
  });

  it("registers one student per ticket: a ticket from one browser is refused in another", async () => {
    const { teacher, sheet } = await setup();
    const ticket = await ticketFor(teacher, sheet);
    assert.equal((await checkin(sheet, ticket, { studentNumber: "F1", name: "Friend One" })).status, 201);
    const farmed = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checkin(sheet, ticket, { studentNumber: `F${i + 10}`, name: "Absent Friend" }, { cookie: `presenca_browser=x${i}` }),
      ),
    );
    for (const reply of farmed) assertProblem(reply, 403, "TICKET_OTHER_BROWSER");
    const rows = await db().query("SELECT 1 FROM attendances WHERE sheet_id = $1", [sheet.id]);
    assert.equal(rows.rowCount, 1);
  });

  it("validates the number and the name", async () => {
    const { teacher, sheet } = await setup();
    const ticket = await ticketFor(teacher, sheet);
    const reply = await call<{ errors: { field: string }[] }>("POST", `/api/checkin/${sheet.code}`, {
      body: { ticket, studentNumber: "UP-2023!", name: "A\u0000" },
      headers: { cookie: cookieOf(ticket) },
    });
    assertProblem(reply, 400, "VALIDATION_FAILED");
    assert.deepEqual(reply.body.errors.map((e) => e.field).sort(), ["name", "studentNumber"]);
  });
});

describe("the teacher's list", () => {
  it("adds by hand (even when closed), removes with undo, and exports CSV", async () => {
    const { teacher, sheet } = await setup();
    await checkin(sheet, await ticketFor(teacher, sheet), { studentNumber: "S1", name: "=cmd|' /C calc'!A0" });
    await checkin(sheet, await ticketFor(teacher, sheet), { studentNumber: "S2", name: 'Ana "Nini", Silva' });
    await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } });
    const added = await call<Attendance>("POST", `/api/sheets/${sheet.id}/attendances`, {
      token: teacher.token,
      body: { studentNumber: "s3", name: "<script>alert(1)</script>" },
    });
    assert.equal(added.status, 201);
    assert.equal(added.body.method, "teacher");
    const repeat = await call("POST", `/api/sheets/${sheet.id}/attendances`, {
      token: teacher.token,
      body: { studentNumber: "S3", name: "Again" },
    });
    assert.equal(repeat.status, 200);

    const removed = await call<Attendance>("DELETE", `/api/sheets/${sheet.id}/attendances/s2`, { token: teacher.token });
    assert.equal(removed.status, 200);
    assert.ok(removed.body.removedAt);
    const list = await call<{ items: Attendance[] }>("GET", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token });
    assert.deepEqual(
      list.body.items.map((a) => a.studentNumber),
      ["S1", "S3"],
    );
    const withRemoved = await call<{ items: Attendance[] }>("GET", `/api/sheets/${sheet.id}/attendances?includeRemoved=true`, {
      token: teacher.token,
    });
    assert.equal(withRemoved.body.items.length, 3);
    const { rows } = await db().query<{ removed_by_id: string }>(
      "SELECT removed_by_id FROM attendances WHERE sheet_id = $1 AND student_number = 'S2'",
      [sheet.id],
    );
    assert.equal(rows[0]?.removed_by_id, teacher.id);

    const csvBefore = await call("GET", `/api/sheets/${sheet.id}/attendances?format=csv`, { token: teacher.token });
    assert.equal(csvBefore.text.includes("Nini"), false);
    assert.equal((await call("POST", `/api/sheets/${sheet.id}/attendances/S2/restore`, { token: teacher.token })).status, 200);

    const csv = await fetch(`${process.env.TEST_BASE_URL}/api/sheets/${sheet.id}/attendances?format=csv`, {
      headers: { authorization: `Bearer ${teacher.token}` },
    });
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv; charset=utf-8/);
    assert.match(csv.headers.get("content-disposition") ?? "", /^attachment; filename="attendance-.+\.csv"$/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).slice(1).split("\r\n");
    // Quoted: "|" is a separator a reader may split on.
    assert.match(lines[1] ?? "", /^S1,"'=cmd\|' \/C calc'!A0",/);
    assert.match(lines[2] ?? "", /^S2,"Ana ""Nini"", Silva",/);
    assert.match(lines[3] ?? "", /^S3,<script>alert\(1\)<\/script>,/);
  });

  it("tells a removed student so, instead of registering them again", async () => {
    const { teacher, sheet } = await setup();
    const ticket = await ticketFor(teacher, sheet);
    await checkin(sheet, ticket, { studentNumber: "R1", name: "Removed Student" });
    await call("DELETE", `/api/sheets/${sheet.id}/attendances/R1`, { token: teacher.token });
    assertProblem(await checkin(sheet, ticket, { studentNumber: "R1", name: "Removed Student" }), 409, "ATTENDANCE_REMOVED");
    assertProblem(await checkin(sheet, ticket, { studentNumber: "R2", name: "Someone Else" }), 409, "DEVICE_ALREADY_USED");
    assertProblem(await call("DELETE", `/api/sheets/${sheet.id}/attendances/NOPE`, { token: teacher.token }), 404, "NOT_FOUND");
  });
});
