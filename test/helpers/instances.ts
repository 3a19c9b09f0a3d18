/**
 * More instances of the built server over the test database, for tests that need a configuration of
 * their own (trusting a proxy's client address, an https public origin). Each listens on 127.0.0.1 and
 * is stopped, with its log folder removed, by `stop()` or when the test process is interrupted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer } from "../../scripts/lib/app-server";
import { freePort } from "../../scripts/lib/processes";

export type Instance = { url: string; logFile: string; stop: () => Promise<void> };

export async function startInstance(id: string, env: Record<string, string> = {}, entry?: string): Promise<Instance> {
  const { DATABASE_URL, AUTH_SECRET } = process.env;
  if (!DATABASE_URL || !AUTH_SECRET) throw new Error("DATABASE_URL and AUTH_SECRET must be set (run through `npm test`)");
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `presenca-${id}-`));
  const logFile = path.join(dir, "app.log");
  const server = await startAppServer(
    { DATABASE_URL, AUTH_SECRET, PUBLIC_ORIGIN: `http://127.0.0.1:${port}`, INSTANCE_ID: id, LOG_LEVEL: "info", ...env },
    port,
    { logFile, entry },
  ).catch((err: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    url: server.url,
    logFile,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The log line of one request (its error message, without the stack), to explain a failure. */
export function logLine(instance: Instance, requestId: string | null): string | undefined {
  if (!requestId || !fs.existsSync(instance.logFile)) return undefined;
  const line = fs
    .readFileSync(instance.logFile, "utf8")
    .split("\n")
    .findLast((l) => l.includes(`"requestId":${JSON.stringify(requestId)}`));
  return line?.replace(/,"stack":"(?:[^"\\]|\\.)*"/, "").slice(0, 600);
}
