/** Starts the built standalone server as a child process and waits until it answers. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { onCleanup, stop, waitForPort } from "./processes";

/** Our entry (server/main.ts) around Next's standalone server: it drains on SIGTERM. */
export const standaloneServer = path.join(".next", "standalone", "main.js");
/** Next's own standalone server, which routes every request through Next (what `npm run dev` serves too). */
export const nextStandaloneServer = path.join(".next", "standalone", "server.js");

/**
 * V8 flags every instance runs with (the image sets the same NODE_OPTIONS). Without a cap V8 lets the
 * old generation grow lazily: RSS went from about 180 to 260 MB over 60,000 check-ins before a
 * collection brought it back; with it, it stays near 155 MB (`npm run bench -- memory`).
 */
export const instanceNodeOptions = "--max-old-space-size=160";

export type AppServer = { url: string; port: number; child: ChildProcess; stop: () => Promise<void> };

export async function startAppServer(
  env: Record<string, string>,
  port: number,
  options: { logFile?: string; entry?: string } = {},
): Promise<AppServer> {
  const entry = options.entry ?? standaloneServer;
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, NODE_ENV: "production", HOSTNAME: "127.0.0.1", PORT: String(port), ...env },
    stdio: options.logFile
      ? ["ignore", fs.openSync(options.logFile, "a"), fs.openSync(options.logFile, "a")]
      : ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the app server exited with ${code} before it was ready`))),
  );
  onCleanup(() => stop(child));
  await Promise.race([waitForPort(port, 60_000), exited]);
  return { url: `http://127.0.0.1:${port}`, port, child, stop: () => stop(child) };
}
