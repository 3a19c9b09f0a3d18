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
    assert.deepEqual(verifyCode(secret, sheetId, { token }, t0), { method: "qr", late: false });
    assert.equal(verifyCode(secret, sheetId, { token }, t0 + W).method, "qr");
  });

  it("say a QR was opened late when the screen had replaced it more than half a window before", () => {
    const start = windowAt(t0) * W;
    const { token } = currentCode(secret, sheetId, start);
    assert.equal(verifyCode(secret, sheetId, { token }, start + W - 1).late, false);
    assert.equal(verifyCode(secret, sheetId, { token }, start + W + W / 2 - 1).late, false);
    assert.equal(verifyCode(secret, sheetId, { token }, start + W + W / 2 + 1).late, true);
  });

  it("are refused as expired two windows later", () => {
    const { token } = currentCode(secret, sheetId, t0);
    assert.equal(
      refusal(() => verifyCode(secret, sheetId, { token }, t0 + 2 * W)),
      "QR_TOKEN_EXPIRED",
    );
  });

  it("refuse a token forged, from another sheet or another secret", () => {
    const { token } = currentCode(secret, sheetId, t0);
    assert.equal(
      refusal(() => verifyCode(secret, sheetId, { token: "AAAAAAAAAAAAAAAA" }, t0)),
      "QR_TOKEN_INVALID",
    );
    assert.equal(
      refusal(() => verifyCode(secret, randomUUID(), { token }, t0)),
      "QR_TOKEN_INVALID",
    );
    assert.equal(
      refusal(() => verifyCode(randomBytes(32), sheetId, { token }, t0)),
      "QR_TOKEN_INVALID",
    );
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
    assert.equal(
      refusal(() => verifyCode(secret, sheetId, { token: code.next.token }, now)),
      "QR_TOKEN_INVALID",
    );
    assert.equal(verifyCode(secret, sheetId, { token: code.next.token }, code.next.startsAt.getTime()).method, "qr");
  });
});

describe("typed digits", () => {
  it("are four digits and accepted for the current and previous window", () => {
    const digits = qrDigits(secret, sheetId, windowAt(t0));
    assert.match(digits, /^\d{4}$/);
    assert.deepEqual(verifyCode(secret, sheetId, { digits }, t0), { method: "code", late: false });
    assert.deepEqual(verifyCode(secret, sheetId, { digits }, t0 + W), { method: "code", late: false });
  });

  it("are refused once stale or wrong", () => {
    // Fixed inputs keep this deterministic: with 4 digits, two windows share digits 1 time in 10,000.
    const fixedSecret = Buffer.alloc(32, 7);
    const fixedSheet = "00000000-0000-4000-8000-000000000001";
    const digits = qrDigits(fixedSecret, fixedSheet, windowAt(t0));
    assert.notEqual(digits, qrDigits(fixedSecret, fixedSheet, windowAt(t0 + 2 * W)));
    assert.equal(
      refusal(() => verifyCode(fixedSecret, fixedSheet, { digits }, t0 + 2 * W)),
      "DIGITS_INVALID",
    );
    assert.equal(
      refusal(() => verifyCode(fixedSecret, fixedSheet, { digits: "x" }, t0)),
      "DIGITS_INVALID",
    );
  });
});

describe("tickets", () => {
  const sheet = { id: sheetId, code: "K7TQ9M" };
  const browser = randomBytes(32).toString("base64url");
  const issued = { method: "code" as const, late: false, browserHash: browser };

  it("carry the sheet, method and lateness and verify in their browser until they expire", () => {
    const { ticket, expiresAt } = issueTicket(sheet, issued, t0);
    assert.deepEqual(verifyTicket(ticket, sheet.code, browser, t0 + 1000), { sheetId, method: "code", late: false, away: false });
    const flagged = issueTicket(sheet, { ...issued, method: "qr", late: true, away: true }, t0).ticket;
    assert.deepEqual(verifyTicket(flagged, sheet.code, browser, t0), { sheetId, method: "qr", late: true, away: true });
    assert.equal(expiresAt.getTime(), Math.floor(t0 / 1000) * 1000 + config().TICKET_TTL_SECONDS * 1000);
    assert.equal(
      refusal(() => verifyTicket(ticket, sheet.code, browser, expiresAt.getTime())),
      "TICKET_EXPIRED",
    );
  });

  it("work in no other browser", () => {
    const { ticket } = issueTicket(sheet, issued, t0);
    assert.equal(
      refusal(() => verifyTicket(ticket, sheet.code, randomBytes(32).toString("base64url"), t0)),
      "TICKET_OTHER_BROWSER",
    );
    assert.equal(
      refusal(() => verifyTicket(ticket, sheet.code, null, t0)),
      "TICKET_OTHER_BROWSER",
    );
  });

  it("are refused for another sheet's code", () => {
    const { ticket } = issueTicket(sheet, issued, t0);
    assert.equal(
      refusal(() => verifyTicket(ticket, "AAAAAA", browser, t0)),
      "TICKET_INVALID",
    );
  });

  it("are refused when any part is tampered with", () => {
    const { ticket } = issueTicket(sheet, issued, t0);
    const parts = ticket.split(".");
    const swap = (i: number, value: string) => parts.map((p, j) => (j === i ? value : p)).join(".");
    const later = swap(3, String(Number(parts[3]) + 3600));
    const otherSheet = swap(0, randomUUID());
    const otherBrowser = swap(4, randomBytes(16).toString("base64url").slice(0, 22));
    const notLate = swap(5, "l");
    for (const forged of [later, otherSheet, otherBrowser, notLate, `${ticket}x`, "garbage", ""]) {
      assert.equal(
        refusal(() => verifyTicket(forged, sheet.code, browser, t0)),
        "TICKET_INVALID",
        forged,
      );
    }
  });
});
