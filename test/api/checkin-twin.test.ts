/**
 * The student's two check-in requests have two ways in: the production entry serves them itself
 * (server/http/direct.ts), and Next's router serves the same endpoints from their route files wherever
 * the entry is not in front (`npm run dev`, Next's own standalone server). Both must answer alike, with
 * the security headers next.config.mjs declares.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { nextStandaloneServer } from "../../scripts/lib/app-server";
import { baseUrl, closeDb, deviceId, newSheet, newTeacher, qr, type Sheet, type Teacher } from "../helpers/api";
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

async function post(origin: string, path: string, body: unknown) {
  const response = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "en" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assertContract("POST", path, response.status, response.headers.get("content-type"), text);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
}

/** Ticket, registration, the same again, and a second student from the same device, through one server. */
async function walkThrough(origin: string, sheet: Sheet) {
  const { token } = await qr(teacher, sheet);
  const ticket = await post(origin, `/api/checkin/${sheet.code}/tickets`, { token });
  const device = deviceId();
  const student = { ticket: ticket.body.ticket, deviceId: device, studentNumber: "UP2024001", name: "Ana Lima" };
  const first = await post(origin, `/api/checkin/${sheet.code}`, student);
  const again = await post(origin, `/api/checkin/${sheet.code}`, student);
  const other = await post(origin, `/api/checkin/${sheet.code}`, { ...student, studentNumber: "UP2024002", name: "Rui Sá" });
  const badDigits = await post(origin, `/api/checkin/${sheet.code}/tickets`, { digits: "12a4" });
  return { ticket, first, again, other, badDigits };
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
      assert.equal(steps.other.status, 409);
      assert.equal(steps.other.body.code, "DEVICE_ALREADY_USED");
      assert.equal(steps.badDigits.status, 400);
      for (const [step, answer] of Object.entries(steps)) {
        for (const header of securityHeaders) assert.ok(answer.headers.get(header), `${step} carries ${header}`);
        assert.ok(answer.headers.get("x-request-id"), `${step} carries its request id`);
      }
    });
  }
});
