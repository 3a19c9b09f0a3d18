/**
 * A PostgreSQL database for the start and test scripts: a database on the server of DATABASE_URL when
 * one is given, otherwise an embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly, served on
 * a loopback port) that needs no system install and no root.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort, onCleanup, run, stop, waitForPort } from "./processes";

export type Database = { url: string; embedded: boolean };

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database on the server of `serverUrl`, dropped again at cleanup. */
export async function createDatabase(serverUrl: string, name: string): Promise<Database> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  onCleanup(() => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  return { url: withDatabase(serverUrl, name), embedded: false };
}

/** Starts the embedded PostgreSQL on a loopback port, its data in `dataDir`; stopped at cleanup (or by `stop`). */
export async function startEmbedded(dataDir: string, port?: number): Promise<Database & { pid?: number; stop: () => Promise<void> }> {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const listenPort = port ?? (await freePort());
  const server = path.join("node_modules", "@electric-sql", "pglite-socket", "dist", "scripts", "server.js");
  const child = spawn(process.execPath, [server, "-d", dataDir, "-p", String(listenPort), "-h", "127.0.0.1", "-m", "20"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  onCleanup(() => stop(child));
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the embedded PostgreSQL exited with ${code} before it listened on port ${listenPort}`))),
  );
  await Promise.race([waitForPort(listenPort, 60_000), exited]);
  return {
    url: `postgresql://postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`,
    embedded: true,
    pid: child.pid,
    stop: () => stop(child),
  };
}

export async function migrateAndSeed(url: string): Promise<void> {
  const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" };
  await run("npx", ["prisma", "migrate", "deploy"], { env });
  await run("npx", ["prisma", "db", "seed"], { env });
}
