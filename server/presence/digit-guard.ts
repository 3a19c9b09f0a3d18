/**
 * Limits on guessing a sheet's typed digits. Four digits are 10,000 values and two are valid at a time,
 * so unlimited tries find one in seconds from a few addresses. Every typed attempt is counted as wrong
 * before it is checked (so parallel guesses cannot slip past the limit) and given back when it was right.
 * Past the limit, per sheet or per client address, typing pauses for that sheet or address; the QR
 * path is never affected. The counters live in PostgreSQL, so every instance shares them.
 */
import { config } from "../config";
import { AppError } from "../errors";
import { pool } from "../pool";

type Counted = { failures: number; pausedSeconds: number };

/** Counts one failure under a key, in a window of this many seconds; while the key is paused nothing is counted. */
export async function countFailure(key: string, sheetId: string | null, windowSeconds: number): Promise<Counted> {
  const { rows } = await pool().query<Counted>({
    text: `INSERT INTO checkin_guards AS g (key, sheet_id, failures, window_start, total, last_at) VALUES ($1, $2, 1, now(), 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN g.paused_until > now() THEN g.failures
          WHEN g.window_start <= now() - $3 * interval '1 second' THEN 1 ELSE g.failures + 1 END,
        window_start = CASE WHEN g.paused_until > now() THEN g.window_start
          WHEN g.window_start <= now() - $3 * interval '1 second' THEN now() ELSE g.window_start END,
        total = g.total + CASE WHEN g.paused_until > now() THEN 0 ELSE 1 END,
        last_at = now()
      RETURNING failures, greatest(0, ceil(extract(epoch FROM paused_until - now())))::int AS "pausedSeconds"`,
    values: [key, sheetId, windowSeconds],
  });
  return rows[0] ?? { failures: 0, pausedSeconds: 0 };
}

/** Pauses a key for this many seconds, and starts its count again. */
export async function pauseKey(key: string, seconds: number): Promise<void> {
  await pool().query({
    text: `UPDATE checkin_guards SET paused_until = now() + $2 * interval '1 second', failures = 0, window_start = now()
      WHERE key = $1 AND (paused_until IS NULL OR paused_until <= now())`,
    values: [key, seconds],
  });
}

const paused = (seconds: number) => new AppError("TYPING_PAUSED", { params: { seconds }, headers: { "retry-after": String(seconds) } });

export const sheetGuardKey = (sheetId: string) => `sheet|${sheetId}`;

/**
 * Counts a typed attempt against the sheet and the address (a keyed hash); refuses it while either is
 * paused. Returns the function that gives the attempt back once the digits proved right.
 */
export async function admitTypedAttempt(sheetId: string, source: string | null): Promise<() => Promise<void>> {
  const { DIGITS_MAX_FAILURES_PER_SHEET, DIGITS_MAX_FAILURES_PER_ADDRESS, DIGITS_PAUSE_SECONDS, DIGITS_WINDOW_SECONDS } = config();
  const keys = [{ key: sheetGuardKey(sheetId), sheetId, limit: DIGITS_MAX_FAILURES_PER_SHEET }];
  if (source) keys.push({ key: `addr|${source}`, sheetId: "", limit: DIGITS_MAX_FAILURES_PER_ADDRESS });
  const counted = await Promise.all(keys.map((k) => countFailure(k.key, k.sheetId || null, DIGITS_WINDOW_SECONDS)));
  const waiting = Math.max(...counted.map((c) => c.pausedSeconds));
  if (waiting > 0) throw paused(waiting);
  const over = keys.filter((k, i) => (counted[i]?.failures ?? 0) > k.limit);
  if (over.length) {
    await Promise.all(over.map((k) => pauseKey(k.key, DIGITS_PAUSE_SECONDS)));
    throw paused(DIGITS_PAUSE_SECONDS);
  }
  return async () => {
    await pool().query({
      text: "UPDATE checkin_guards SET failures = greatest(failures - 1, 0), total = greatest(total - 1, 0) WHERE key = ANY($1)",
      values: [keys.map((k) => k.key)],
    });
  };
}

export type Guessing = { wrongDigits: number; lastAt: Date | null; pausedUntil: Date | null; detected: boolean };

/** What the teacher is told about guessing on a sheet. */
export async function guessingOn(sheetId: string): Promise<Guessing> {
  const { rows } = await pool().query<{ total: number; lastAt: Date | null; pausedUntil: Date | null }>({
    text: `SELECT total, last_at AS "lastAt", paused_until AS "pausedUntil" FROM checkin_guards WHERE key = $1`,
    values: [sheetGuardKey(sheetId)],
  });
  const row = rows[0];
  if (!row) return { wrongDigits: 0, lastAt: null, pausedUntil: null, detected: false };
  return {
    wrongDigits: row.total,
    lastAt: row.lastAt,
    pausedUntil: row.pausedUntil && row.pausedUntil > new Date() ? row.pausedUntil : null,
    detected: row.total >= config().DIGITS_MAX_FAILURES_PER_SHEET || row.pausedUntil !== null,
  };
}
