/** The one Prisma client of the process, over a node-postgres pool shared with raw queries. */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config } from "./config";
import { PrismaClient } from "./generated/prisma/client";

type Db = { prisma: PrismaClient; pool: pg.Pool };

// Survives hot reloads in development, where modules are evaluated again.
const globalForDb = globalThis as unknown as { presencaDb?: Db };

function connect(): Db {
  const { DATABASE_URL, DB_POOL_SIZE, DB_POOL_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS } = config();
  const pool = new pg.Pool({
    connectionString: DATABASE_URL,
    max: DB_POOL_SIZE,
    // Waiting longer than this for a free connection answers 503, so a backlog cannot grow without bound.
    connectionTimeoutMillis: DB_POOL_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // A stuck query must fail fast with a 503 rather than pile requests up behind it.
    statement_timeout: DB_STATEMENT_TIMEOUT_MS,
    lock_timeout: DB_STATEMENT_TIMEOUT_MS,
    // Those two are enforced by the server; a server or network that stops answering altogether needs
    // this client-side bound too, or every request (and readiness) waits forever on a silent socket.
    // The pool then discards that connection. The margin lets the server's own timeout come first.
    query_timeout: DB_STATEMENT_TIMEOUT_MS + 1000,
    application_name: "presenca",
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

function db(): Db {
  globalForDb.presencaDb ??= connect();
  return globalForDb.presencaDb;
}

/** Connects on first use, so that importing this module (as `next build` does) needs no database. */
export const prisma = new Proxy({} as PrismaClient, {
  get: (_, key) => {
    const client = db().prisma;
    const value: unknown = Reflect.get(client, key);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export const pool = () => db().pool;

export async function closeDb(): Promise<void> {
  const current = globalForDb.presencaDb;
  globalForDb.presencaDb = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.pool.end();
  }
}
