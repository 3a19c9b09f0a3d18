/**
 * What keeps two copies of `npm start` apart: each port it means to serve must be free before it starts
 * (otherwise waiting for "something answers on the port" would find the other copy and use it), the
 * embedded database that answers must be the process it started, and its data folder is locked while it
 * runs, with the owner's PID in the lock file (a lock left by a process that no longer runs is taken over).
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** A refusal to start, with the message to print; the start script exits with EXIT_REFUSED. */
export class StartRefused extends Error {}

export const EXIT_REFUSED = 75;

export function assertPortFree(port: number, what: string, setting: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EADDRINUSE" && err.code !== "EACCES") return reject(err);
      reject(
        new StartRefused(
          `Port ${port}, for ${what}, is already in use by another program (another copy of Presença?). ` +
            `Stop that program, or choose a free port with ${setting}=<port>.`,
        ),
      );
    });
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/**
 * Whether process `pid` holds the listening socket of 127.0.0.1:`port`, from /proc (Linux); undefined
 * where /proc is not there to tell.
 */
export function listensOn(pid: number, port: number): boolean | undefined {
  let table: string;
  try {
    table = fs.readFileSync("/proc/net/tcp", "utf8");
  } catch {
    return undefined;
  }
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = table
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[1] === local && cols[3] === "0A")
    .map((cols) => `socket:[${cols[9]}]`);
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      return inodes.includes(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      return false;
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Locks `dir` for this process; returns the release. Refuses while another live process holds it. */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      return () => {
        if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new StartRefused(
        `The data folder ${dir} is in use by process ${owner} (another copy of Presença started from this folder). ` +
          `Stop it first, or give this copy a folder of its own with DATA_DIR=<folder>.`,
      );
    }
    // Left by a process that no longer runs: taken over.
    fs.rmSync(file, { force: true });
  }
  throw new StartRefused(`Could not lock the data folder ${dir}.`);
}
