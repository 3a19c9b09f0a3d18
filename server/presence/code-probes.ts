/**
 * Limits on guessing sheet codes. Each code found on a sheet's public page is a class someone could
 * join from afar, and unlimited look-ups from one place try dozens of codes a second. Look-ups of codes
 * that do not exist are counted per client address (an IPv6 client by its /56, which one household
 * holds) in PostgreSQL's checkin_guards, so every instance shares the count; past
 * CODE_PROBES_MAX_PER_ADDRESS within CODE_PROBES_WINDOW_SECONDS, look-ups from that address pause for
 * CODE_PROBES_PAUSE_SECONDS with 429 CODES_PAUSED and Retry-After.
 *
 * A pause covers existing codes as well, or the pause would itself tell which codes exist; a request
 * that proves it saw the classroom screen (a valid QR token for that sheet) still passes, so students
 * who scan are never held up, even behind a campus NAT shared with a prober. A valid code costs nothing
 * extra: only unknown codes reach the database, and each instance keeps the pauses it has learned of.
 */
import { isIPv6 } from "node:net";
import { config } from "../config";
import { AppError } from "../errors";
import { observeCodeProbe } from "../metrics";
import { countFailure, pauseKey } from "./digit-guard";
import { placeOf, plainAddress } from "./network";

const MAX_KEPT = 10_000;
const keptKey = Symbol.for("presenca.code-probe-pauses");
const holder = globalThis as unknown as Record<symbol, Map<string, number> | undefined>;
const pausedUntil = () => (holder[keptKey] ??= new Map<string, number>());

function probeKey(address: string | null): string | null {
  if (!address) return null;
  const place = placeOf(address);
  const key = isIPv6(plainAddress(address.trim())) ? place.network : place.source;
  return key ? `probe|${key}` : null;
}

function remember(key: string, seconds: number): void {
  if (pausedUntil().size >= MAX_KEPT) pausedUntil().clear();
  pausedUntil().set(key, Date.now() + seconds * 1000);
}

function secondsLeft(key: string): number {
  const until = pausedUntil().get(key);
  if (until === undefined) return 0;
  if (until <= Date.now()) {
    pausedUntil().delete(key);
    return 0;
  }
  return Math.ceil((until - Date.now()) / 1000);
}

const paused = (seconds: number) => {
  observeCodeProbe("paused");
  return new AppError("CODES_PAUSED", { params: { seconds }, headers: { "retry-after": String(seconds) } });
};

/** Counts an unknown code against the address; the error to answer with (404, or 429 past the limit). */
async function countProbe(key: string, notFound: AppError): Promise<AppError> {
  const { CODE_PROBES_MAX_PER_ADDRESS, CODE_PROBES_WINDOW_SECONDS, CODE_PROBES_PAUSE_SECONDS } = config();
  const counted = await countFailure(key, null, CODE_PROBES_WINDOW_SECONDS);
  if (counted.pausedSeconds > 0) {
    remember(key, counted.pausedSeconds);
    return paused(counted.pausedSeconds);
  }
  if (counted.failures > CODE_PROBES_MAX_PER_ADDRESS) {
    await pauseKey(key, CODE_PROBES_PAUSE_SECONDS);
    remember(key, CODE_PROBES_PAUSE_SECONDS);
    return paused(CODE_PROBES_PAUSE_SECONDS);
  }
  observeCodeProbe("not_found");
  return notFound;
}

/**
 * Looks a sheet up by its code for a client: `find` throws SHEET_NOT_FOUND for an unknown code, which is
 * counted; `proves` says whether the request carries proof of the classroom (checked only while paused).
 */
export async function lookUpCode<T>(
  address: string | null,
  find: () => Promise<T>,
  proves: (found: T) => boolean | Promise<boolean> = () => false,
): Promise<T> {
  const key = probeKey(address);
  let found: T;
  try {
    found = await find();
  } catch (err) {
    if (!key || !(err instanceof AppError) || err.code !== "SHEET_NOT_FOUND") throw err;
    throw await countProbe(key, err);
  }
  const waiting = key ? secondsLeft(key) : 0;
  if (waiting > 0 && !(await proves(found))) throw paused(waiting);
  return found;
}
