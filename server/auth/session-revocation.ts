/**
 * Signing out ends the session on the server: its id is recorded here and every instance refuses it
 * (session-cookie.ts sessionStillValid, and next-auth's renewal in next-auth.ts). A row is kept as long
 * as a copy of the cookie can live (the session's maximum age since its last renewal); expired rows are
 * pruned by the next sign-out. This module stays free of the ORM (the production entry imports it).
 */
import { pool } from "../pool";

export async function revokeSession(sessionId: string, maxAgeSeconds: number): Promise<void> {
  await pool().query(
    `WITH pruned AS (DELETE FROM revoked_sessions WHERE expires_at < now())
     INSERT INTO revoked_sessions (session_id, expires_at) VALUES ($1, now() + make_interval(secs => $2::int))
     ON CONFLICT (session_id) DO NOTHING`,
    [sessionId, maxAgeSeconds],
  );
}

export async function isSessionRevoked(sessionId: string): Promise<boolean> {
  const { rows } = await pool().query<{ revoked: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE session_id = $1) AS revoked",
    [sessionId],
  );
  return rows[0]?.revoked === true;
}
