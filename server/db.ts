/** The one Prisma client of the process, over the shared node-postgres pool (pool.ts). */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { closePool, pool } from "./pool";

// Survives hot reloads in development, where modules are evaluated again.
const globalForDb = globalThis as unknown as { presencaPrisma?: PrismaClient };

function client(): PrismaClient {
  globalForDb.presencaPrisma ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return globalForDb.presencaPrisma;
}

/** Connects on first use, so that importing this module (as `next build` does) needs no database. */
export const prisma = new Proxy({} as PrismaClient, {
  get: (_, key) => {
    const target = client();
    const value: unknown = Reflect.get(target, key);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  },
});

export async function closeDb(): Promise<void> {
  const current = globalForDb.presencaPrisma;
  globalForDb.presencaPrisma = undefined;
  await current?.$disconnect();
  await closePool();
}
