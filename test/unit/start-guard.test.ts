/**
 * `npm start` next to another copy of itself: it refuses a port someone else serves (it used to run its
 * migrations and seed against whatever answered there) and a data folder another live process holds.
 * The script is run for real, up to its refusal, which comes before any build or database is needed.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { freePort } from "../../scripts/lib/processes";
import { EXIT_REFUSED, lockDataDir } from "../../scripts/lib/start-guard";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-start-"));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Runs `npm start`'s script without DATABASE_URL, as on a developer's machine. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "start.ts")], {
    env: { ...inherited, NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe("npm start beside another copy", () => {
  it("refuses an embedded-database port another program serves, and never talks to it", async () => {
    let connections = 0;
    const other = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const taken = (other.address() as net.AddressInfo).port;
    const dataDir = tempDir();
    try {
      const { code, output } = await start({ PORT: String(await freePort()), EMBEDDED_DB_PORT: String(taken), DATA_DIR: dataDir });
      assert.equal(code, EXIT_REFUSED, output);
      assert.match(output, new RegExp(`Port ${taken}, for the embedded PostgreSQL, is already in use by another program`));
      assert.match(output, /EMBEDDED_DB_PORT=<port>/);
      assert.equal(connections, 0, "nothing was sent to the program on that port");
      assert.equal(fs.existsSync(path.join(dataDir, "lock")), false, "the data folder is unlocked again");
    } finally {
      other.close();
    }
  });

  it("refuses a data folder that another running copy holds", async () => {
    const dataDir = tempDir();
    // This test process stands for the copy already running.
    fs.writeFileSync(path.join(dataDir, "lock"), `${process.pid}\n`);
    const { code, output } = await start({ PORT: String(await freePort()), EMBEDDED_DB_PORT: String(await freePort()), DATA_DIR: dataDir });
    assert.equal(code, EXIT_REFUSED, output);
    assert.match(output, new RegExp(`data folder .* is in use by process ${process.pid}`));
    assert.equal(fs.readFileSync(path.join(dataDir, "lock"), "utf8").trim(), String(process.pid), "the holder keeps its lock");
  });

  it("takes over a lock left by a process that no longer runs, and releases it", () => {
    const dataDir = tempDir();
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(path.join(dataDir, "lock"), `${gone.stdout}\n`);
    const release = lockDataDir(dataDir);
    assert.equal(fs.readFileSync(path.join(dataDir, "lock"), "utf8").trim(), String(process.pid));
    release();
    assert.equal(fs.existsSync(path.join(dataDir, "lock")), false);
  });
});
