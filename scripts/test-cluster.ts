/**
 * `npm run test:cluster`: the production topology proven on this machine without Docker. Builds the
 * standalone server (TEST_SKIP_BUILD=1 reuses a build), creates a database for this run (on
 * DATABASE_URL's server, dropped afterwards; else an embedded PostgreSQL), then runs test/cluster/,
 * which starts three instances and nginx with the project's configuration and attacks them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, migrateAndSeed, startEmbedded } from "./lib/database";
import { runNodeTests } from "./lib/node-tests";
import { cleanup, onCleanup, run } from "./lib/processes";

async function main(): Promise<void> {
  const started = Date.now();
  await run("bash", ["scripts/system-deps.sh"]);
  if (process.env.TEST_SKIP_BUILD !== "1") {
    await run("npm", ["run", "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-cluster-"));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const db = process.env.DATABASE_URL
    ? await createDatabase(process.env.DATABASE_URL, `presenca_cluster_${Date.now().toString(36)}_${process.pid}`)
    : await startEmbedded(path.join(workDir, "pglite"));
  await migrateAndSeed(db.url);

  await runNodeTests([path.join("test", "cluster")], {
    env: { ...process.env, NODE_ENV: "test", DATABASE_URL: db.url, CLUSTER_WORK_DIR: workDir },
    timeoutMs: 240_000,
  });
  console.log(`Cluster test passed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(cleanup);
