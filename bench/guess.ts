/**
 * `npx tsx bench/guess.ts [--addresses 16] [--seconds 120] [--concurrency 4]`: tries to guess a sheet's
 * typed digits through the real deployment (nginx, with its per-address limits, in front of two
 * instances), from several loopback source addresses (127.0.1.1, 127.0.1.2, ...: distinct clients to
 * nginx), until a ticket is issued or the time bound is reached. Prints and writes to bench/results how
 * many tries were answered, refused as wrong, refused as paused (429 TYPING_PAUSED) or limited by nginx,
 * and how long it took; with no success it also gives the expected time from the tries that were answered.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startCluster } from "../scripts/lib/cluster";
import { createDatabase, migrateAndSeed } from "../scripts/lib/database";
import { cleanup } from "../scripts/lib/processes";
import { createClasses } from "./fixtures";

const { values: args } = parseArgs({
  options: {
    addresses: { type: "string", default: "16" },
    seconds: { type: "string", default: "120" },
    concurrency: { type: "string", default: "4" },
  },
});
const addresses = Math.min(64, Number(args.addresses));
const bound = Math.min(600, Number(args.seconds)) * 1000;
const concurrency = Math.min(16, Number(args.concurrency));
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function post(url: URL, localAddress: string, agent: http.Agent, body: string): Promise<{ status: number; code: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress,
        agent,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          let code = "";
          try {
            const parsed = (JSON.parse(text) as { code?: unknown }).code;
            code = typeof parsed === "string" ? parsed : "";
          } catch {
            code = "";
          }
          resolve({ status: res.statusCode ?? 0, code });
        });
      },
    );
    req.on("error", () => resolve({ status: 0, code: "NETWORK" }));
    req.end(body);
  });
}

async function main() {
  const db = await createDatabase(serverUrl, `presenca_guess_${Date.now().toString(36)}`);
  await migrateAndSeed(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-guess-"));
  const cluster = await startCluster({ size: 2, databaseUrl: db.url, workDir });
  try {
    const { sheets } = await createClasses(pool, "guess", 1, 0);
    const sheet = sheets[0];
    if (!sheet) throw new Error("no sheet");
    const url = new URL(`/api/checkin/${sheet.code}/tickets`, cluster.url);
    const tally = { tries: 0, wrong: 0, paused: 0, limited: 0, other: 0 };
    const started = Date.now();
    let foundAfterMs: number | null = null;
    let next = Math.floor(Math.random() * 10_000);
    const guesser = async (source: string, agent: http.Agent) => {
      while (foundAfterMs === null && Date.now() - started < bound) {
        const digits = String(next++ % 10_000).padStart(4, "0");
        const reply = await post(url, source, agent, JSON.stringify({ digits }));
        tally.tries++;
        if (reply.status === 201) foundAfterMs = Date.now() - started;
        else if (reply.code === "DIGITS_INVALID") tally.wrong++;
        else if (reply.code === "TYPING_PAUSED") tally.paused++;
        else if (reply.status === 429 || reply.status === 503) tally.limited++;
        else tally.other++;
      }
    };
    const workers: Promise<void>[] = [];
    for (let a = 1; a <= addresses; a++) {
      const source = `127.0.1.${a}`;
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      for (let c = 0; c < concurrency; c++) workers.push(guesser(source, agent));
    }
    await Promise.all(workers);
    const elapsedS = (Date.now() - started) / 1000;
    // Two values of 10,000 are valid at any time, so an answered try succeeds with probability 1/5,000.
    const answeredPerS = tally.wrong / elapsedS;
    const summary = {
      scenario: "guess",
      date: new Date().toISOString(),
      addresses,
      concurrency,
      boundSeconds: bound / 1000,
      found: foundAfterMs !== null,
      foundAfterSeconds: foundAfterMs === null ? null : foundAfterMs / 1000,
      elapsedSeconds: Math.round(elapsedS * 10) / 10,
      ...tally,
      answeredPerSecond: Math.round(answeredPerS * 100) / 100,
      expectedHoursToGuess: answeredPerS > 0 ? Math.round((5000 / answeredPerS / 3600) * 10) / 10 : null,
    };
    console.log(JSON.stringify(summary, null, 2));
    fs.mkdirSync(path.join("bench", "results"), { recursive: true });
    fs.writeFileSync(
      path.join("bench", "results", `guess-${summary.date.replace(/[:.]/g, "-").slice(0, 19)}.json`),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
  } finally {
    for (const instance of cluster.instances) await instance.server?.stop();
    await cluster.nginx.stop();
    await pool.end();
  }
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
