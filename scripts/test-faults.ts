/**
 * `npm run test:faults`: faults in the middle of a check-in burst (an instance killed, PostgreSQL
 * restarted, the attendance table locked) on the production topology. Builds the standalone server
 * (TEST_SKIP_BUILD=1 reuses a build), then runs test/faults/, which starts a PostgreSQL server of its
 * own (it restarts it), two instances and nginx, all on loopback and all removed afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNodeTests } from "./lib/node-tests";
import { cleanup, onCleanup, run } from "./lib/processes";

async function main(): Promise<void> {
  const started = Date.now();
  await run("bash", ["scripts/system-deps.sh"]);
  if (process.env.TEST_SKIP_BUILD !== "1") {
    await run("npm", ["run", "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-faults-"));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  await runNodeTests([path.join("test", "faults")], {
    env: { ...process.env, NODE_ENV: "test", FAULTS_WORK_DIR: workDir },
    timeoutMs: 180_000,
  });
  console.log(`Fault tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(cleanup);
