/**
 * The browser a check-in comes from. Each browser gets a random key in an HttpOnly cookie (scripts on
 * the page cannot read or forward it), signed with the time it was first given out, so the server can
 * tell a browser seen for the first time from one it knows. The database keeps only a keyed hash of the
 * key, and a ticket carries a prefix of that hash: a ticket works only in the browser that exchanged it.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "../config";

export const BROWSER_COOKIE = "presenca_browser";
const MAX_AGE_SECONDS = 400 * 24 * 3600; // The longest lifetime browsers accept for a cookie.

let key: Buffer | undefined;
const cookieKey = () => (key ??= createHmac("sha256", config().AUTH_SECRET).update("presenca browser keys").digest());
const sign = (body: string) => createHmac("sha256", cookieKey()).update(body).digest().subarray(0, 12).toString("base64url");

export type Browser = { key: string; firstSeenMs: number };

export function mintBrowser(nowMs = Date.now()): { browser: Browser; cookie: string } {
  const body = `${randomBytes(16).toString("base64url")}.${Math.floor(nowMs / 1000).toString(36)}`;
  const value = `${body}.${sign(body)}`;
  return { browser: { key: value, firstSeenMs: Math.floor(nowMs / 1000) * 1000 }, cookie: value };
}

/** The browser a cookie value names, or null when it is missing, malformed or not ours. */
export function readBrowser(value: string | undefined | null): Browser | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 3 || !/^[\w-]{22}$/.test(parts[0] ?? "") || !/^[0-9a-z]{1,9}$/.test(parts[1] ?? "")) return null;
  const given = Buffer.from(parts[2] ?? "");
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { key: value, firstSeenMs: parseInt(parts[1] ?? "0", 36) * 1000 };
}

/** The browser cookie's value in a Cookie header. */
export function browserCookieValue(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === BROWSER_COOKIE) return pair.slice(eq + 1).trim();
  }
  return null;
}

export function setBrowserCookie(value: string): string {
  const secure = config().PUBLIC_ORIGIN.startsWith("https:") ? "; Secure" : "";
  return `${BROWSER_COOKIE}=${value}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

/** Keyed hash of a browser's key, as the database keeps it (the attendances' device hash). */
export function browserHash(browser: Browser): string {
  return createHmac("sha256", config().AUTH_SECRET).update(`device|${browser.key}`).digest("base64url");
}

/** A browser whose key was given out this recently is "seen for the first time" at its check-in. */
export const NEW_BROWSER_MS = 15 * 60_000;
