/**
 * Retention: attendance of sheets opened more than RETENTION_MONTHS months ago is deleted (with the
 * records of erasures on them). Every instance applies it at start-up and every
 * RETENTION_INTERVAL_HOURS; the statement is idempotent, so instances running it together is harmless.
 */
import { config } from "./config";
import { log } from "./log";
import { pool } from "./pool";

export async function applyRetention(months = config().RETENTION_MONTHS): Promise<{ attendances: number; erasures: number }> {
  if (months <= 0) return { attendances: 0, erasures: 0 };
  const old = "SELECT id FROM sheets WHERE created_at < now() - make_interval(months => $1)";
  const attendances = await pool().query(`DELETE FROM attendances WHERE sheet_id IN (${old})`, [months]);
  const erasures = await pool().query(`DELETE FROM erased_entries WHERE sheet_id IN (${old})`, [months]);
  return { attendances: attendances.rowCount ?? 0, erasures: erasures.rowCount ?? 0 };
}

/** Applies retention now and on an interval; returns a function that stops it. */
export function scheduleRetention(): () => void {
  if (config().RETENTION_MONTHS <= 0) return () => undefined;
  const run = () =>
    applyRetention().then(
      (deleted) => log("info", "retention", { months: config().RETENTION_MONTHS, ...deleted }),
      (err: unknown) => log("warn", "retention failed", { err }),
    );
  void run();
  const timer = setInterval(() => void run(), config().RETENTION_INTERVAL_HOURS * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
