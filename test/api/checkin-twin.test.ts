/**
 * The student's two check-in requests and the projection's QR codes have two ways in: the production
 * entry serves them itself (server/http/direct.ts), and Next's router serves the same endpoints from
 * their route files wherever the entry is not in front (`npm run dev`, Next's own standalone server).
 * Both must answer alike, with the security headers next.config.mjs declares.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { nextStandaloneServer } from "../../scripts/lib/app-server";
import { baseUrl, closeDb, newSheet, newTeacher, qr, setCookieOf, type Sheet, type Teacher } from "../helpers/api";
import { assertContract } from "../helpers/contract";
import { startInstance, type Instance } from "../helpers/instances";

const securityHeaders = ["content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy", "x-frame-options"];

let nextTwin: Instance;
let teacher: Teacher;

before(async () => {
  nextTwin = await startInstance("next-router", { TRUST_PROXY: "true" }, nextStandaloneServer);
  teacher = await newTeacher();
});
after(async () => {
  await nextTwin?.stop();
  await closeDb();
});

async function post(origin: string, path: string, body: unknown, cookie = "") {
  const response = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "en", cookie },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assertContract("POST", path, response.status, response.headers.get("content-type"), text);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
}

/**
 * Ticket, registration, the same again, the browser's one correction, a further student from the same
 * browser, and the ticket without its browser's cookie, through one server.
 */
async function walkThrough(origin: string, sheet: Sheet) {
  const { token } = await qr(teacher, sheet);
  const ticket = await post(origin, `/api/checkin/${sheet.code}/tickets`, { token });
  const browser = setCookieOf(ticket.headers);
  const student = { ticket: ticket.body.ticket, studentNumber: "UP2024001", name: "Ana Lima" };
  const first = await post(origin, `/api/checkin/${sheet.code}`, student, browser);
  const again = await post(origin, `/api/checkin/${sheet.code}`, student, browser);
  const corrected = await post(origin, `/api/checkin/${sheet.code}`, { ...student, studentNumber: "UP2024010" }, browser);
  const other = await post(origin, `/api/checkin/${sheet.code}`, { ...student, studentNumber: "UP2024002", name: "Rui Sá" }, browser);
  const elsewhere = await post(origin, `/api/checkin/${sheet.code}`, student);
  const badDigits = await post(origin, `/api/checkin/${sheet.code}/tickets`, { digits: "12a4" });
  return { ticket, first, again, corrected, other, elsewhere, badDigits };
}

describe("the check-in endpoints through the production entry and through Next's router", () => {
  for (const [name, origin] of [
    ["production entry", () => baseUrl],
    ["Next's router", () => nextTwin.url],
  ] as const) {
    it(`answer alike through the ${name}, with the security headers`, async () => {
      const steps = await walkThrough(origin(), await newSheet(teacher));
      assert.equal(steps.ticket.status, 201);
      assert.equal(steps.first.status, 201);
      assert.equal(steps.again.status, 200);
      assert.equal(steps.again.body.id, steps.first.body.id);
      assert.match(String(steps.ticket.headers.get("set-cookie")), /^presenca_browser=.*HttpOnly/i);
      assert.equal(steps.corrected.status, 200);
      assert.equal(steps.corrected.body.correctedFrom, "UP2024001 · Ana Lima");
      assert.equal(steps.other.status, 409);
      assert.equal(steps.other.body.code, "CORRECTION_USED");
      assert.equal(steps.elsewhere.status, 403);
      assert.equal(steps.elsewhere.body.code, "TICKET_OTHER_BROWSER");
      assert.equal(steps.badDigits.status, 400);
      for (const [step, answer] of Object.entries(steps)) {
        for (const header of securityHeaders) assert.ok(answer.headers.get(header), `${step} carries ${header}`);
        assert.ok(answer.headers.get("x-request-id"), `${step} carries its request id`);
      }
    });
  }
});

async function get(origin: string, path: string, token: string | null) {
  const response = await fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  assertContract("GET", path, response.status, response.headers.get("content-type"), text);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
}

describe("the projection's QR codes through the production entry and through Next's router", () => {
  for (const [name, origin] of [
    ["production entry", () => baseUrl],
    ["Next's router", () => nextTwin.url],
  ] as const) {
    it(`answer alike through the ${name}: the codes to its owner only, never cached`, async () => {
      const sheet = await newSheet(teacher);
      const stranger = await newTeacher("Stranger");
      const path = `/api/sheets/${sheet.id}/qr`;
      const own = await get(origin(), path, teacher.token);
      assert.equal(own.status, 200);
      assert.equal(own.body.code, sheet.code);
      assert.equal(own.body.status, "open");
      const next = own.body.next as Record<string, unknown>;
      assert.equal(next.startsAt, own.body.expiresAt);
      assert.notEqual(next.token, own.body.token);
      assert.match(String(own.body.url), new RegExp(`/c/${sheet.code}\\?t=${String(own.body.token)}$`));
      assert.match(String(own.headers.get("cache-control")), /no-store/);
      const answers = {
        own,
        stranger: await get(origin(), path, stranger.token),
        nobody: await get(origin(), path, null),
        malformed: await get(origin(), "/api/sheets/not-a-uuid/qr", teacher.token),
      };
      assert.equal(answers.stranger.status, 404);
      assert.equal(answers.stranger.body.code, "SHEET_NOT_FOUND");
      assert.equal(answers.nobody.status, 401);
      assert.equal(answers.malformed.status, 400);
      for (const [step, answer] of Object.entries(answers)) {
        for (const header of securityHeaders) assert.ok(answer.headers.get(header), `${step} carries ${header}`);
        assert.equal(answer.headers.get("x-instance-id") !== null, true, `${step} says which instance answered`);
      }
    });
  }
});
