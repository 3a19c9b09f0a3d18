/**
 * `npm start`: the whole service on one machine. Without DATABASE_URL it runs on an embedded PostgreSQL
 * whose data stays in .data/ (DATA_DIR; migrations and the course-unit seed are applied each start); with
 * DATABASE_URL it uses that database and applies pending migrations only with --migrate.
 * `npm start` builds the app first when there is no build or a source changed since (scripts/bootstrap.mjs);
 * --build forces a build.
 * It refuses to start (exit code 75) when a port it would serve is taken or its data folder is in use by
 * another copy (lib/start-guard.ts), rather than use what already answers there.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { instanceNodeOptions, startAppServer } from "./lib/app-server";
import { migrateAndSeed, startEmbedded } from "./lib/database";
import { cleanup, onCleanup, run } from "./lib/processes";
import { assertPortFree, EXIT_REFUSED, listensOn, lockDataDir, StartRefused } from "./lib/start-guard";

const dataDir = process.env.DATA_DIR ?? ".data";

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (process.env.NODE_ENV === "production") throw new Error("AUTH_SECRET must be set in production.");
  // A development secret kept with the local data, so sessions survive restarts.
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const port = Number(process.env.PORT ?? 3000);
  const embeddedPort = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
  let databaseUrl = process.env.DATABASE_URL;
  await assertPortFree(port, "the app", "PORT");
  if (!databaseUrl) {
    onCleanup(lockDataDir(dataDir));
    await assertPortFree(embeddedPort, "the embedded PostgreSQL", "EMBEDDED_DB_PORT");
  }
  if (args.has("--build")) {
    await run("npm", ["run", "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  if (!databaseUrl) {
    const embedded = await startEmbedded(path.resolve(dataDir, "pglite"), embeddedPort);
    // The port was free a moment ago; what answers on it now must be the server just started.
    if (embedded.pid === undefined || listensOn(embedded.pid, embeddedPort) === false) {
      throw new StartRefused(
        `Something else took port ${embeddedPort} (EMBEDDED_DB_PORT) before the embedded PostgreSQL could listen on it.`,
      );
    }
    databaseUrl = embedded.url;
    console.log(`Embedded PostgreSQL on ${databaseUrl} (data in ${dataDir}/pglite)`);
    await migrateAndSeed(databaseUrl);
  } else if (args.has("--migrate")) {
    await migrateAndSeed(databaseUrl);
  }
  const publicOrigin = process.env.PUBLIC_ORIGIN ?? `http://127.0.0.1:${port}`;
  const server = await startAppServer(
    {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret(),
      PUBLIC_ORIGIN: publicOrigin,
      NODE_ENV: "production",
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? instanceNodeOptions,
    },
    port,
  );
  console.log(`
Presença is running at ${publicOrigin}
  - create a teacher account at ${publicOrigin}/register, then sign in at ${publicOrigin}/login
  - API documentation: ${publicOrigin}/api/documentation
Press Ctrl+C to stop.`);
  await new Promise((resolve) => server.child.once("exit", resolve));
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = err instanceof StartRefused ? EXIT_REFUSED : 1;
  })
  .finally(cleanup);
