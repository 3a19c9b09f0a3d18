/** Runs the node:test files of some folders, one file at a time, as every test stage does. */
import fs from "node:fs";
import path from "node:path";
import { run } from "./processes";

/** The *.test.ts files below `dir`, in a stable order; none when it does not exist. */
function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => path.join(dir, f))
    .sort();
}

export async function runNodeTests(dirs: string[], options: { env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<void> {
  const timeout = options.timeoutMs ? [`--test-timeout=${options.timeoutMs}`] : [];
  const files = dirs.flatMap(testFiles);
  await run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...timeout, ...files], {
    env: options.env,
  });
}
