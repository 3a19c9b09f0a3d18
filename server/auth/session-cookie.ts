/**
 * The next-auth session cookie of an API request, read without next-auth's request machinery. Decoding
 * it (key derivation, then JWE decryption) was most of what authenticating a cookie request cost, and a
 * page sends the same cookie many times: each instance keeps what a cookie decoded to until the token
 * expires (a bounded number of them). Whether the session still counts (a password change, a sign-out)
 * is checked in the database on every request (sessionStillValid). This module stays free of the ORM: the
 * production entry serves live streams with it.
 */
import { decode } from "next-auth/jwt";
import { config } from "../config";
import { pool } from "../pool";

/** Cookies are marked Secure (and get __Secure- names) when the service is served over https. */
export const secureCookies = () => config().PUBLIC_ORIGIN.startsWith("https:");

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** When the session was signed in (epoch ms), a claim next-auth's callbacks carry over every renewal. */
export const signedInAt = (token: Record<string, unknown>): number => (typeof token.authAt === "number" ? token.authAt : 0);

/**
 * The id of one sign-in (a random UUID), kept by every renewal of its cookie: signing out revokes it
 * (session-revocation.ts). next-auth's own `jti` cannot serve, as it changes with each renewal.
 */
export const sessionIdOf = (token: Record<string, unknown>): string | null =>
  typeof token.sid === "string" && uuid.test(token.sid) ? token.sid : null;

export type SessionClaims = { teacherId: string; authAt: number; sessionId: string };

const MAX_KEPT = 5000;
const kept = new Map<string, { claims: SessionClaims; expiresAt: number }>();

/** The session token in a Cookie header (next-auth splits a long one into `name.0`, `name.1`…). */
export function sessionToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const name = `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
  const chunks: [number, string][] = [];
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === name) chunks.push([0, value]);
    else if (key.startsWith(`${name}.`) && /^\d{1,2}$/.test(key.slice(name.length + 1)))
      chunks.push([Number(key.slice(name.length + 1)), value]);
  }
  if (chunks.length === 0) return null;
  return chunks
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v)
    .join("");
}

export async function sessionClaims(cookieHeader: string | null): Promise<SessionClaims | null> {
  const token = sessionToken(cookieHeader);
  if (!token || token.length > 8192) return null;
  const now = Date.now();
  const hit = kept.get(token);
  if (hit) {
    if (hit.expiresAt > now) return hit.claims;
    kept.delete(token);
  }
  let payload: Record<string, unknown> | null;
  try {
    payload = await decode({ token, secret: config().AUTH_SECRET });
  } catch {
    return null;
  }
  const sub = payload?.sub;
  const exp = payload?.exp;
  if (!payload || typeof sub !== "string" || !uuid.test(sub) || typeof exp !== "number" || exp * 1000 <= now) return null;
  // A session without an id could not be ended by signing out: refused (signed in before ids existed).
  const sessionId = sessionIdOf(payload);
  if (!sessionId) return null;
  const claims = { teacherId: sub, authAt: signedInAt(payload), sessionId };
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(token, { claims, expiresAt: exp * 1000 });
  return claims;
}

/**
 * A session signed in before the teacher's last password change no longer counts (browser-sessions.ts),
 * nor one signed out (session-revocation.ts), nor one whose teacher is gone: one indexed row and one
 * index probe.
 */
export async function sessionStillValid(claims: SessionClaims): Promise<boolean> {
  const { rows } = await pool().query<{ validFrom: Date | null; revoked: boolean }>({
    text: `SELECT sessions_valid_from AS "validFrom",
                  EXISTS (SELECT 1 FROM revoked_sessions WHERE session_id = $2) AS revoked
             FROM teachers WHERE id = $1`,
    values: [claims.teacherId, claims.sessionId],
  });
  const row = rows[0];
  return row !== undefined && !row.revoked && (!row.validFrom || claims.authAt >= row.validFrom.getTime());
}
