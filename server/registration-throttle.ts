/**
 * Limits registrations per client address and per e-mail domain, with token buckets in PostgreSQL that
 * every instance shares: each bucket holds up to REGISTER_MAX_PER_ADDRESS (or _PER_DOMAIN) registrations
 * and refills evenly over REGISTER_WINDOW_SECONDS. A campus behind one NAT address can register a whole
 * department at once and keeps registering at a steady pace; a script cannot create accounts in bulk.
 * The domain is the part after `@` as written (registration checks no mailbox, so it bounds one
 * institution's name being flooded, not an attacker who varies domains: the address bucket does that).
 */
import { config } from "./config";
import { AppError } from "./errors";
import { pool } from "./pool";

export async function takeRegistration(email: string, address: string | null): Promise<void> {
  const { REGISTER_MAX_PER_ADDRESS, REGISTER_MAX_PER_DOMAIN, REGISTER_WINDOW_SECONDS: window } = config();
  const buckets = [
    { key: `domain:${email.slice(email.lastIndexOf("@") + 1)}`, capacity: REGISTER_MAX_PER_DOMAIN },
    ...(address ? [{ key: `ip:${address}`, capacity: REGISTER_MAX_PER_ADDRESS }] : []),
  ];
  const keys = buckets.map((b) => b.key);
  const capacities = buckets.map((b) => b.capacity);
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    // A bucket untouched for a whole window is full again, as if it had no row: pruned.
    await client.query("DELETE FROM registration_throttles WHERE updated_at < now() - make_interval(secs => $1::int)", [window]);
    await client.query(
      `INSERT INTO registration_throttles (key, tokens, updated_at)
       SELECT k, c, now() FROM unnest($1::text[], $2::int[]) AS b(k, c) ON CONFLICT (key) DO NOTHING`,
      [keys, capacities],
    );
    // Locked in key order, so concurrent registrations queue instead of deadlocking.
    const { rows } = await client.query<{ key: string; tokens: number; capacity: number }>(
      `SELECT t.key, b.c AS capacity,
              LEAST(b.c, t.tokens + extract(epoch FROM now() - t.updated_at) * b.c / $3::int)::float8 AS tokens
         FROM registration_throttles t JOIN unnest($1::text[], $2::int[]) AS b(k, c) ON b.k = t.key
        ORDER BY t.key FOR UPDATE OF t`,
      [keys, capacities, window],
    );
    const short = rows.filter((r) => r.tokens < 1);
    if (short.length > 0) {
      await client.query("ROLLBACK");
      const seconds = Math.max(...short.map((r) => Math.ceil(((1 - r.tokens) * window) / r.capacity)));
      throw new AppError("TOO_MANY_REGISTRATIONS", { params: { seconds }, headers: { "retry-after": String(seconds) } });
    }
    await client.query(
      `UPDATE registration_throttles t SET tokens = r.tokens - 1, updated_at = now()
         FROM unnest($1::text[], $2::float8[]) AS r(key, tokens) WHERE t.key = r.key`,
      [rows.map((r) => r.key), rows.map((r) => r.tokens)],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
