/** Structured logging: one JSON object per line on stdout, each carrying the instance id. */
import { config } from "./config";

type Level = "debug" | "info" | "warn" | "error";
const rank: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function serialiseError(err: unknown) {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { message: String(err) };
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const { LOG_LEVEL, INSTANCE_ID } = config();
  if (rank[level] < rank[LOG_LEVEL]) return;
  const { err, ...rest } = fields;
  const line = {
    time: new Date().toISOString(),
    level,
    instance: INSTANCE_ID,
    msg,
    ...rest,
    ...(err === undefined ? {} : { err: serialiseError(err) }),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
