/**
 * Checking a bearer API token (`prs_` + 32 random bytes; only its SHA-256 is stored). Every API request
 * with a token comes through here, so it is one indexed read on the shared pool, without the ORM (the
 * production entry serves live streams with it).
 */
import { createHash } from "node:crypto";
import { pool } from "../pool";

export const API_TOKEN_PREFIX = "prs_";

export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** The teacher and token ids a bearer token stands for, or null when it is unknown or revoked. */
export async function authenticateApiToken(token: string): Promise<{ teacherId: string; tokenId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return null;
  const { rows } = await pool().query<{ id: string; teacherId: string; revokedAt: Date | null; lastUsedAt: Date | null }>({
    text: `SELECT id, teacher_id AS "teacherId", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt" FROM api_tokens WHERE token_hash = $1`,
    values: [hashApiToken(token)],
  });
  const row = rows[0];
  if (!row || row.revokedAt) return null;
  // Recording every use would turn each read into a write; a minute's precision is enough.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await pool().query({ text: "UPDATE api_tokens SET last_used_at = now() WHERE id = $1", values: [row.id] });
  }
  return { teacherId: row.teacherId, tokenId: row.id };
}
