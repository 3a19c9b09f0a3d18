/**
 * `npm test`: every test against the real built app and a real PostgreSQL.
 * - DATABASE_URL given: a database named for this run is created on that server and dropped afterwards.
 * - otherwise: an embedded PostgreSQL in a temporary folder, removed afterwards.
 * Stages: system packages, production dependency audit, build, database + migrations, app server, unit,
 * API and fuzz tests, then the browser tests (Playwright driving Debian's Chromium) against the same server.
 * TEST_SKIP_BUILD=1 reuses an existing build (for quick local runs); naming stages runs only those, e.g.
 * `TEST_SKIP_BUILD=1 npm test -- api e2e` (stages: lint, unit, api, fuzz, e2e, cluster, faults).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer } from "./lib/app-server";
import { createDatabase, migrateAndSeed, startEmbedded } from "./lib/database";
import { runNodeTests } from "./lib/node-tests";
import { cleanup, freePort, onCleanup, run } from "./lib/processes";

const runId = `${Date.now().toString(36)}_${process.pid}`;
const stages = ["lint", "unit", "api", "fuzz", "e2e", "cluster", "faults"] as const;
const chosen = process.argv.slice(2);
const unknown = chosen.filter((s) => !(stages as readonly string[]).includes(s));
if (unknown.length) throw new Error(`unknown test stage ${unknown.join(", ")}; the stages are ${stages.join(", ")}`);
const runs = (stage: (typeof stages)[number]) => chosen.length === 0 || chosen.includes(stage);

async function main(): Promise<void> {
  const started = Date.now();
  await run("bash", ["scripts/system-deps.sh"]);
  await run("npm", ["run", "--silent", "audit:production"]);
  if (process.env.TEST_SKIP_BUILD !== "1") {
    await run("npm", ["run", "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }

  // Type-aware lint and the type check read the generated client and document, so they follow the build.
  if (runs("lint")) {
    await run("npm", ["run", "--silent", "lint"]);
    await run("npm", ["run", "--silent", "format:check"]);
    await run("npm", ["run", "--silent", "typecheck"]);
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-test-"));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const db = process.env.DATABASE_URL
    ? await createDatabase(process.env.DATABASE_URL, `presenca_test_${runId}`)
    : await startEmbedded(path.join(workDir, "pglite"));
  console.log(`Test database: ${db.embedded ? "embedded PostgreSQL" : new URL(db.url).pathname.slice(1)}`);
  await migrateAndSeed(db.url);

  const port = await freePort();
  const env = {
    DATABASE_URL: db.url,
    AUTH_SECRET: randomBytes(48).toString("base64url"),
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    INSTANCE_ID: "test-1",
    LOG_LEVEL: "info",
    // The tests stand in for nginx: they name the client's address in X-Real-IP.
    TRUST_PROXY: "true",
    // The suite registers hundreds of teachers from one address and one domain; the registration
    // throttle is tested on instances of its own (test/api/accounts.test.ts).
    REGISTER_MAX_PER_ADDRESS: "1000000",
    REGISTER_MAX_PER_DOMAIN: "1000000",
  };
  const logFile = path.join(workDir, "app.log");
  await startAppServer(env, port, { logFile });

  try {
    const nodeStages = (["unit", "api", "fuzz"] as const).filter(runs);
    if (nodeStages.length) {
      await runNodeTests(
        nodeStages.map((stage) => path.join("test", stage)),
        {
          env: { ...process.env, ...env, NODE_ENV: "test", TEST_BASE_URL: `http://127.0.0.1:${port}` },
        },
      );
    }
    // The production topology (several instances behind nginx) on the build just tested. It runs before
    // the browser tests: after them, its stream-drain tests have failed every time (3 of 3), while they
    // pass alone and after the API and fuzz stages; the cause is not found yet.
    if (runs("cluster")) await run("npm", ["run", "test:cluster"], { env: { ...process.env, TEST_SKIP_BUILD: "1" } });
    if (runs("e2e")) {
      await run("npx", ["playwright", "test"], {
        env: {
          ...process.env,
          ...env,
          PLAYWRIGHT_BASE_URL: `http://127.0.0.1:${port}`,
          PLAYWRIGHT_OUTPUT_DIR: path.join(workDir, "playwright"),
        },
      });
    }
  } catch (err) {
    const log = fs.readFileSync(logFile, "utf8").split("\n");
    const errors = log.filter((l) => l.includes('"level":"error"') || !l.startsWith("{")).slice(-40);
    console.error(`--- app server errors (last ${errors.length} lines) ---\n${errors.join("\n")}`);
    throw err;
  }
  // Faults in the middle of a check-in burst, on a PostgreSQL server of its own that it restarts.
  if (runs("faults")) await run("npm", ["run", "test:faults"], { env: { ...process.env, TEST_SKIP_BUILD: "1" } });
  console.log(`All test stages passed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(cleanup);
