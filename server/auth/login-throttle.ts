/**
 * Slows down password guessing, with counters in PostgreSQL that every instance shares. An attempt is
 * counted before its password is checked (reserveAttempt), under row locks, so a burst of concurrent
 * attempts cannot all pass the check before the first failure is recorded; a correct password gives
 * its reservation back (releaseAttempt). Three counters, each with its own allowance per window:
 * - the account from this address (LOGIN_MAX_FAILURES): bounds guessing from one address;
 * - the address, over all accounts (LOGIN_MAX_FAILURES_PER_ADDRESS): bounds one address spraying;
 * - the account, over all addresses (LOGIN_MAX_FAILURES_PER_ACCOUNT): bounds distributed guessing. Its
 *   lock stops only the addresses that already failed on the account in the window, so a flood from
 *   elsewhere cannot lock the teacher out of their own address, while each new attacking address gets
 *   one guess at most.
 * Past an allowance, each further failure locks the counter for twice as long as the previous one
 * (10 s, 20 s, 40 s, ... up to the window, with the defaults); a refused attempt counts nothing.
 */
import { config } from "../config";
import { AppError } from "../errors";
import { pool } from "../pool";

type Keys = { email: string; address: string | null };
type Counter = { key: string; allowance: number };
export type Reservation = { counters: Counter[]; pair: string };

function countersOf({ email, address }: Keys) {
  const { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_MAX_FAILURES_PER_ACCOUNT } = config();
  const pair = { key: `pair:${email} ${address ?? "-"}`, allowance: LOGIN_MAX_FAILURES };
  const account = { key: `email:${email}`, allowance: LOGIN_MAX_FAILURES_PER_ACCOUNT };
  const ip = address ? { key: `ip:${address}`, allowance: LOGIN_MAX_FAILURES_PER_ADDRESS } : null;
  return { pair, account, ip };
}

type Row = { key: string; failures: number; lockSeconds: number | null };

/** Counts one attempt as a failure in advance, or throws TOO_MANY_ATTEMPTS without counting it. */
export async function reserveAttempt(keys: Keys): Promise<Reservation> {
  const { LOGIN_WINDOW_SECONDS: window, LOGIN_LOCK_SECONDS: lock } = config();
  const { pair, account, ip } = countersOf(keys);
  const counters = [pair, account, ...(ip ? [ip] : [])];
  const names = counters.map((c) => c.key);
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO login_throttles (key, failures, window_start) SELECT k, 0, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO NOTHING`,
      [names],
    );
    // Locked in key order, so concurrent attempts on overlapping keys queue instead of deadlocking.
    const { rows } = await client.query<Row>(
      `SELECT key,
              CASE WHEN window_start < now() - make_interval(secs => $2::int) THEN 0 ELSE failures END AS failures,
              CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::int END AS "lockSeconds"
         FROM login_throttles WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
      [names, window],
    );
    const row = (key: string) => rows.find((r) => r.key === key);
    const blocking = [row(pair.key), ip ? row(ip.key) : undefined];
    if ((row(pair.key)?.failures ?? 0) > 0) blocking.push(row(account.key));
    const seconds = Math.max(0, ...blocking.map((r) => r?.lockSeconds ?? 0));
    if (seconds > 0) {
      await client.query("COMMIT");
      throw new AppError("TOO_MANY_ATTEMPTS", { params: { seconds }, headers: { "retry-after": String(seconds) } });
    }
    await client.query(
      `WITH n AS (
         SELECT t.key, a.allowance, t.window_start < now() - make_interval(secs => $3::int) AS expired,
                CASE WHEN t.window_start < now() - make_interval(secs => $3::int) THEN 1 ELSE t.failures + 1 END AS failures
           FROM login_throttles t JOIN unnest($1::text[], $2::int[]) AS a(key, allowance) ON a.key = t.key)
       UPDATE login_throttles t SET
         window_start = CASE WHEN n.expired THEN now() ELSE t.window_start END,
         failures = n.failures,
         locked_until = CASE
           WHEN n.failures >= n.allowance
             THEN now() + make_interval(secs => LEAST($3::int, $4::int * power(2, LEAST(20, n.failures - n.allowance))))
           WHEN n.expired THEN NULL
           ELSE t.locked_until END
       FROM n WHERE t.key = n.key`,
      [names, counters.map((c) => c.allowance), window, lock],
    );
    await client.query("COMMIT");
    return { counters, pair: pair.key };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The password was right: this address starts afresh on the account, and the attempt counts nowhere. */
export async function releaseAttempt(reservation: Reservation): Promise<void> {
  const others = reservation.counters.filter((c) => c.key !== reservation.pair);
  await pool().query(
    `WITH gone AS (DELETE FROM login_throttles WHERE key = $1)
     UPDATE login_throttles t SET
       failures = GREATEST(t.failures - 1, 0),
       locked_until = CASE WHEN t.failures - 1 < a.allowance THEN NULL ELSE t.locked_until END
     FROM unnest($2::text[], $3::int[]) AS a(key, allowance) WHERE t.key = a.key`,
    [reservation.pair, others.map((c) => c.key), others.map((c) => c.allowance)],
  );
}
