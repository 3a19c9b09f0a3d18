/**
 * Independent implementations of the check-in token formats and of API tokens, for tests that need
 * tokens and tickets the server never handed out: expired, for another sheet, tampered, or signed for a
 * closed sheet. They use the secrets the test run gave the server (AUTH_SECRET, each sheet's secret).
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { bindTicket, db } from "./api";

const windowSeconds = Number(process.env.QR_WINDOW_SECONDS ?? 10);

const mac = (key: Buffer | string, message: string) => createHmac("sha256", key).update(message).digest();

export const windowAt = (nowMs = Date.now()) => Math.floor(nowMs / 1000 / windowSeconds);

export function qrToken(secret: Buffer, sheetId: string, window = windowAt()): string {
  return mac(secret, `qr|${sheetId}|${window}`).subarray(0, 12).toString("base64url");
}

export function qrDigits(secret: Buffer, sheetId: string, window = windowAt()): string {
  return (mac(secret, `digits|${sheetId}|${window}`).readUInt32BE(0) % 10_000).toString().padStart(4, "0");
}

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return secret;
}

const ticketKey = () => mac(authSecret(), "presenca check-in tickets");

/** A browser cookie signed like the server's: its Cookie header value and the hash the server keeps of it. */
export function signBrowser(nowMs = Date.now()): { cookie: string; hash: string } {
  const body = `${randomBytes(16).toString("base64url")}.${Math.floor(nowMs / 1000).toString(36)}`;
  const value = `${body}.${mac(mac(authSecret(), "presenca browser keys"), body).subarray(0, 12).toString("base64url")}`;
  return { cookie: `presenca_browser=${value}`, hash: mac(authSecret(), `device|${value}`).toString("base64url") };
}

/**
 * A ticket signed like the server's for a browser (a new one unless given), valid for `ttlSeconds`
 * (negative: already expired); checkin() sends it with that browser's cookie.
 */
export function signTicket(
  sheet: { id: string; code: string },
  options: { method?: string; ttlSeconds?: number; late?: boolean; browser?: { cookie: string; hash: string } } = {},
): string {
  const browser = options.browser ?? signBrowser();
  const exp = Math.floor(Date.now() / 1000) + (options.ttlSeconds ?? 300);
  const payload = `${sheet.id}.${sheet.code}.${options.method ?? "qr"}.${exp}.${browser.hash.slice(0, 22)}.${options.late ? "l" : ""}`;
  const ticket = `${payload}.${mac(ticketKey(), payload).subarray(0, 16).toString("base64url")}`;
  bindTicket(ticket, browser.cookie);
  return ticket;
}

export async function sheetSecret(sheetId: string): Promise<Buffer> {
  const { rows } = await db().query<{ secret: Buffer }>("SELECT secret FROM sheets WHERE id = $1", [sheetId]);
  if (!rows[0]) throw new Error(`no sheet ${sheetId}`);
  return rows[0].secret;
}

/** A personal API token written straight to the database, for tests that revoke many of them. */
export async function insertApiToken(teacherId: string, options: { revoked?: boolean } = {}): Promise<{ id: string; token: string }> {
  const token = `prs_${randomBytes(32).toString("base64url")}`;
  const { rows } = await db().query<{ id: string }>(
    `INSERT INTO api_tokens (teacher_id, label, token_hash, prefix, revoked_at)
     VALUES ($1, 'test', $2, $3, CASE WHEN $4 THEN now() END) RETURNING id`,
    [teacherId, createHash("sha256").update(token).digest("base64url"), token.slice(0, 10), options.revoked ?? false],
  );
  return { id: rows[0]!.id, token };
}
