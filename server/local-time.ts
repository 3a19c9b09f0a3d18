/** Times as people in the service's time zone (TIME_ZONE) read them, for exports. */
import { config } from "./config";

function parts(at: Date): Record<"year" | "month" | "day" | "hour" | "minute" | "second", number> {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: config().TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const found = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return {
    year: found.year ?? 0,
    month: found.month ?? 0,
    day: found.day ?? 0,
    hour: found.hour ?? 0,
    minute: found.minute ?? 0,
    second: found.second ?? 0,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-30 09:05:12" in the service's time zone. */
export function localDateTime(at: Date): string {
  const p = parts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * The local wall-clock time as a Date whose UTC fields carry it: spreadsheet cells have no time zone,
 * so a workbook shows exactly these fields.
 */
export function wallClock(at: Date): Date {
  const p = parts(at);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}
