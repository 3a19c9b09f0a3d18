import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { currentCode, issueTicket, qrDigits, qrToken, verifyCode, verifyTicket, windowAt } from "@/server/checkin-tokens";
import { config } from "@/server/config";
import { AppError } from "@/server/errors";

const secret = randomBytes(32);
const sheetId = randomUUID();
const W = config().QR_WINDOW_SECONDS * 1000;
const t0 = 1_800_000_000_000;

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    return err.code;
  }
  assert.fail("expected a refusal");
}

describe("QR tokens", () => {
  it("are short, URL-safe, and change every window", () => {
    const a = qrToken(secret, sheetId, windowAt(t0));
    const b = qrToken(secret, sheetId, windowAt(t0 + W));
    assert.match(a, /^[A-Za-z0-9_-]{16}$/);
    assert.notEqual(a, b);
  });

  it("accept the current and the previous window", () => {
    const { token } = currentCode(secret, sheetId, t0);
    assert.equal(verifyCode(secret, sheetId, { token }, t0), "qr");
    assert.equal(verifyCode(secret, sheetId, { token }, t0 + W), "qr");
  });

  it("are refused as expired two windows later", () => {
    const { token } = currentCode(secret, sheetId, t0);
    assert.equal(refusal(() => verifyCode(secret, sheetId, { token }, t0 + 2 * W)), "QR_TOKEN_EXPIRED");
  });

  it("refuse a token forged, from another sheet or another secret", () => {
    const { token } = currentCode(secret, sheetId, t0);
    assert.equal(refusal(() => verifyCode(secret, sheetId, { token: "AAAAAAAAAAAAAAAA" }, t0)), "QR_TOKEN_INVALID");
    assert.equal(refusal(() => verifyCode(secret, randomUUID(), { token }, t0)), "QR_TOKEN_INVALID");
    assert.equal(refusal(() => verifyCode(randomBytes(32), sheetId, { token }, t0)), "QR_TOKEN_INVALID");
  });

  it("report when the current code expires, on the server's clock", () => {
    const code = currentCode(secret, sheetId, t0 + 1234);
    assert.equal(code.expiresAt.getTime(), (windowAt(t0 + 1234) + 1) * W);
    assert.ok(code.expiresAt.getTime() > t0 + 1234);
  });

  it("give the next window's code, which starts when the current one expires and is accepted then", () => {
    const now = t0 + 1234;
    const code = currentCode(secret, sheetId, now);
    assert.equal(code.next.startsAt.getTime(), code.expiresAt.getTime());
    assert.equal(code.next.expiresAt.getTime() - code.next.startsAt.getTime(), W);
    assert.notEqual(code.next.token, code.token);
    // Not valid before its window: a photo of the next code is no head start.
    assert.equal(refusal(() => verifyCode(secret, sheetId, { token: code.next.token }, now)), "QR_TOKEN_INVALID");
    assert.equal(verifyCode(secret, sheetId, { token: code.next.token }, code.next.startsAt.getTime()), "qr");
  });
});

describe("typed digits", () => {
  it("are four digits and accepted for the current and previous window", () => {
    const digits = qrDigits(secret, sheetId, windowAt(t0));
    assert.match(digits, /^\d{4}$/);
    assert.equal(verifyCode(secret, sheetId, { digits }, t0), "code");
    assert.equal(verifyCode(secret, sheetId, { digits }, t0 + W), "code");
  });

  it("are refused once stale or wrong", () => {
    // Fixed inputs keep this deterministic: with 4 digits, two windows share digits 1 time in 10,000.
    const fixedSecret = Buffer.alloc(32, 7);
    const fixedSheet = "00000000-0000-4000-8000-000000000001";
    const digits = qrDigits(fixedSecret, fixedSheet, windowAt(t0));
    assert.notEqual(digits, qrDigits(fixedSecret, fixedSheet, windowAt(t0 + 2 * W)));
    assert.equal(refusal(() => verifyCode(fixedSecret, fixedSheet, { digits }, t0 + 2 * W)), "DIGITS_INVALID");
    assert.equal(refusal(() => verifyCode(fixedSecret, fixedSheet, { digits: "x" }, t0)), "DIGITS_INVALID");
  });
});

describe("tickets", () => {
  const sheet = { id: sheetId, code: "K7TQ9M" };

  it("carry the sheet and method and verify until they expire", () => {
    const { ticket, expiresAt } = issueTicket(sheet, "code", t0);
    assert.deepEqual(verifyTicket(ticket, sheet.code, t0 + 1000), { sheetId, method: "code" });
    assert.equal(expiresAt.getTime(), Math.floor(t0 / 1000) * 1000 + config().TICKET_TTL_SECONDS * 1000);
    assert.equal(refusal(() => verifyTicket(ticket, sheet.code, expiresAt.getTime())), "TICKET_EXPIRED");
  });

  it("are refused for another sheet's code", () => {
    const { ticket } = issueTicket(sheet, "qr", t0);
    assert.equal(refusal(() => verifyTicket(ticket, "AAAAAA", t0)), "TICKET_INVALID");
  });

  it("are refused when any part is tampered with", () => {
    const { ticket } = issueTicket(sheet, "qr", t0);
    const parts = ticket.split(".");
    const later = [...parts.slice(0, 3), String(Number(parts[3]) + 3600), parts[4]].join(".");
    const otherSheet = [randomUUID(), ...parts.slice(1)].join(".");
    for (const forged of [later, otherSheet, `${ticket}x`, "garbage", ""]) {
      assert.equal(refusal(() => verifyTicket(forged, sheet.code, t0)), "TICKET_INVALID", forged);
    }
  });
});
