/**
 * A PostgreSQL server of our own that a test may restart: Debian's PostgreSQL binaries on a throw-away
 * data folder and a free loopback port (as root they run as the `postgres` user, as PostgreSQL requires),
 * or, on a machine without them, the embedded PGlite server stopped and started again on its data folder.
 * Everything is stopped and removed at cleanup.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbedded } from "./database";
import { freePort, onCleanup, run } from "./processes";

export type RestartablePostgres = {
  url: string;
  /** What runs, for the test's output: "PostgreSQL 15 (…/bin)" or "embedded PGlite". */
  kind: string;
  embedded: boolean;
  /** Stops the server (ending every connection) and starts it again on the same data and port. */
  restart: () => Promise<void>;
};

/** The newest PostgreSQL installed the Debian way, if any. */
function debianBinaries(): { version: string; bin: string } | undefined {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const version = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return version ? { version, bin: path.join(root, version, "bin") } : undefined;
}

async function startDebian(binaries: { version: string; bin: string }): Promise<RestartablePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-pg-"));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  // PostgreSQL refuses to run as root: the server and its files belong to the `postgres` user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run("chown", ["postgres:", dir]);
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(binaries.bin, tool), ...args], { stdio: "ignore" })
      : run(path.join(binaries.bin, tool), args, { stdio: "ignore" });

  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const port = await freePort();
  await pg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  fs.appendFileSync(
    path.join(data, "postgresql.conf"),
    `listen_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${dir}'\nshared_buffers = 32MB\n`,
  );
  const ctl = (action: string[]) => pg("pg_ctl", ["-D", data, "-l", logFile, "-w", "-t", "60", ...action]);
  await ctl(["start"]);
  onCleanup(() => ctl(["-m", "immediate", "stop"]));
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    kind: `PostgreSQL ${binaries.version} (${binaries.bin})`,
    embedded: false,
    // Fast shutdown: every connection is terminated at once, as when the database is restarted for real.
    restart: () => ctl(["-m", "fast", "restart"]),
  };
}

async function startPglite(): Promise<RestartablePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-pglite-"));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const data = path.join(dir, "data");
  const port = await freePort();
  let server = await startEmbedded(data, port);
  return {
    url: server.url,
    kind: "embedded PGlite",
    embedded: true,
    restart: async () => {
      await server.stop();
      server = await startEmbedded(data, port);
    },
  };
}

export function startRestartablePostgres(): Promise<RestartablePostgres> {
  const binaries = debianBinaries();
  return binaries ? startDebian(binaries) : startPglite();
}
