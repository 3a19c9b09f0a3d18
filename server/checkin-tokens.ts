/**
 * The rotating QR tokens, the typed digits and the check-in tickets.
 *
 * A QR token is an HMAC-SHA256, keyed by the sheet's own secret, over the sheet id and the current time
 * window. Verification needs no state, so any instance checks it; the current and the previous window
 * are accepted, so a code read just before it rotated still works. The typed digits are derived the
 * same way under another label. Either is exchanged at once for a ticket: an HMAC, keyed by the
 * server secret, over the sheet id, the check-in method and an expiry a few minutes ahead, which gives
 * the student time to type while a forwarded photo of the QR goes stale within seconds. A ticket names the
 * browser that exchanged it (a prefix of its key's keyed hash) and works in no other, and it says whether
 * the QR was opened late (after the screen had already replaced it with a newer one) and whether the phone
 * was on another network than the projection's, so registering needs no look-up for either.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { DIGITS_LENGTH } from "@/lib/validations/checkin";
import { config } from "./config";
import { AppError } from "./errors";

const TOKEN_BYTES = 12; // 96 bits: 16 characters in the URL, keeping the QR low-density.

export type CheckinMethod = "qr" | "code";

export function windowAt(nowMs: number, windowSeconds = config().QR_WINDOW_SECONDS): number {
  return Math.floor(nowMs / 1000 / windowSeconds);
}

function mac(key: Buffer | string, message: string): Buffer {
  return createHmac("sha256", key).update(message).digest();
}

export function qrToken(secret: Buffer, sheetId: string, window: number): string {
  return mac(secret, `qr|${sheetId}|${window}`).subarray(0, TOKEN_BYTES).toString("base64url");
}

export function qrDigits(secret: Buffer, sheetId: string, window: number): string {
  const n = mac(secret, `digits|${sheetId}|${window}`).readUInt32BE(0) % 10 ** DIGITS_LENGTH;
  return n.toString().padStart(DIGITS_LENGTH, "0");
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What the projection screen shows during one window, and when that window starts and ends. */
export function codeOfWindow(secret: Buffer, sheetId: string, window: number) {
  const { QR_WINDOW_SECONDS } = config();
  return {
    token: qrToken(secret, sheetId, window),
    digits: qrDigits(secret, sheetId, window),
    startsAt: new Date(window * QR_WINDOW_SECONDS * 1000),
    expiresAt: new Date((window + 1) * QR_WINDOW_SECONDS * 1000),
  };
}

/** What the projection screen shows now and next: it switches at the boundary by itself. */
export function currentCode(secret: Buffer, sheetId: string, nowMs = Date.now()) {
  const window = windowAt(nowMs);
  return {
    ...codeOfWindow(secret, sheetId, window),
    windowSeconds: config().QR_WINDOW_SECONDS,
    next: codeOfWindow(secret, sheetId, window + 1),
  };
}

/**
 * Checks a QR token or typed digits against the current and previous window. Older windows of the
 * last few minutes are recognised too, only to say "expired" rather than "invalid".
 */
export function verifyCode(
  secret: Buffer,
  sheetId: string,
  presented: { token?: string; digits?: string },
  nowMs = Date.now(),
): { method: CheckinMethod; late: boolean } {
  const current = windowAt(nowMs);
  const derive = presented.token !== undefined ? qrToken : qrDigits;
  const value = presented.token ?? presented.digits ?? "";
  const method: CheckinMethod = presented.token !== undefined ? "qr" : "code";
  if (equal(derive(secret, sheetId, current), value)) return { method, late: false };
  // The previous window's QR: late when it was opened more than half a window after the screen replaced it.
  if (equal(derive(secret, sheetId, current - 1), value)) {
    const windowMs = config().QR_WINDOW_SECONDS * 1000;
    return { method, late: method === "qr" && nowMs - current * windowMs > windowMs / 2 };
  }
  // Digits are too short to tell an old value from a wrong one reliably.
  if (method === "qr") {
    const lookBack = Math.ceil(600 / config().QR_WINDOW_SECONDS);
    for (let w = current - 2; w >= current - lookBack; w--) {
      if (equal(qrToken(secret, sheetId, w), value)) throw new AppError("QR_TOKEN_EXPIRED");
    }
    throw new AppError("QR_TOKEN_INVALID");
  }
  throw new AppError("DIGITS_INVALID", {
    errors: [{ field: "digits", code: "mismatch", message: "do not match the digits on the screen" }],
  });
}

let ticketKey: Buffer | undefined;
const key = () => (ticketKey ??= mac(config().AUTH_SECRET, "presenca check-in tickets"));

/** The part of a browser's hash a ticket carries: enough to tell browsers apart, short in the ticket. */
export const browserTag = (browserHash: string) => browserHash.slice(0, 22);

export type TicketFacts = { sheetId: string; method: CheckinMethod; late: boolean; away: boolean };

export function issueTicket(
  sheet: { id: string; code: string },
  issued: { method: CheckinMethod; late: boolean; away?: boolean; browserHash: string },
  nowMs = Date.now(),
) {
  const expiresAtSec = Math.floor(nowMs / 1000) + config().TICKET_TTL_SECONDS;
  const flags = `${issued.late ? "l" : ""}${issued.away ? "o" : ""}`;
  const payload = `${sheet.id}.${sheet.code}.${issued.method}.${expiresAtSec}.${browserTag(issued.browserHash)}.${flags}`;
  const ticket = `${payload}.${mac(key(), payload).subarray(0, 16).toString("base64url")}`;
  return { ticket, expiresAt: new Date(expiresAtSec * 1000) };
}

/**
 * Checks a ticket presented for the sheet with this code by this browser, and returns what it was issued
 * for; the ticket carries the sheet id, so registering needs no look-up of the sheet.
 */
export function verifyTicket(ticket: string, code: string, browserHash: string | null, nowMs = Date.now()): TicketFacts {
  const parts = ticket.split(".");
  if (parts.length !== 7) throw new AppError("TICKET_INVALID");
  const [sheetId, ticketCode, method, exp, browser, flags, signature] = parts as [string, string, string, string, string, string, string];
  const expected = mac(key(), parts.slice(0, 6).join(".")).subarray(0, 16).toString("base64url");
  if (!equal(expected, signature) || ticketCode !== code || (method !== "qr" && method !== "code")) {
    throw new AppError("TICKET_INVALID");
  }
  if (Number(exp) * 1000 <= nowMs) throw new AppError("TICKET_EXPIRED");
  if (browserHash === null || !equal(browserTag(browserHash), browser)) throw new AppError("TICKET_OTHER_BROWSER");
  return { sheetId, method, late: flags.includes("l"), away: flags.includes("o") };
}

/** Whether a QR token is one this sheet's screen shows now or just showed: proof the client saw the classroom. */
export function showsQr(sheet: { secret: Buffer; id: string }, token: string | undefined): boolean {
  if (token === undefined) return false;
  try {
    verifyCode(sheet.secret, sheet.id, { token });
    return true;
  } catch {
    return false;
  }
}
