/**
 * Driver adapter for the Prisma CLI (migrate, db pull, studio) only; the app uses the stock adapter.
 *
 * The CLI runs Prisma's WebAssembly schema engine through a driver adapter. The stock PostgreSQL adapter
 * has gaps for that use, mended here:
 * - catalog columns of type `name` and `"char"` are unsupported by the stock adapter (prisma/orm#27403),
 *   so introspecting a CHECK constraint crashes the engine;
 * - `executeScript` splits on `;`, which breaks functions and comments and can half-apply a migration;
 * - the engine's advisory lock needs every statement on one connection;
 * - the stock shadow database connects to the main database and drops the shadow before closing it.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;
// ColumnTypeEnum.Character of @prisma/driver-adapter-utils.
const COLUMN_TYPE_CHARACTER = 6;

// A multi-statement script run through executeRaw yields one result per statement.
type PgResult = { fields: { dataTypeID: number }[] } | { fields: { dataTypeID: number }[] }[];
type ResultSet = { columnTypes: number[] };
type Queryable = {
  queryRaw(query: object): Promise<ResultSet>;
  performIO(query: object): Promise<PgResult>;
};
type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/** Reads `name` and `"char"` columns as text and reports `"char"` ones as the Character type. */
function readCatalogTypes<T extends object>(queryable: T): T {
  const q = queryable as unknown as Queryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    if (Array.isArray(result)) return result;
    const chars: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === OID_CHAR) chars.push(i);
      if (field.dataTypeID === OID_CHAR || field.dataTypeID === OID_NAME) field.dataTypeID = OID_TEXT;
    });
    charColumns.set(query, chars);
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  return queryable;
}

function mend(adapter: Adapter, pool: pg.Pool, release: () => Promise<void>): Adapter {
  readCatalogTypes(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => readCatalogTypes(await startTransaction(isolationLevel));
  // One simple-protocol query runs the whole script atomically, as psql would.
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  adapter.dispose = release;
  return adapter;
}

function singleConnectionPool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, max: 1, allowExitOnIdle: true });
}

async function connect(connectionString: string, afterEnd?: () => Promise<void>): Promise<Adapter> {
  const pool = singleConnectionPool(connectionString);
  const adapter = await new PrismaPg(pool).connect();
  return mend(adapter, pool, async () => {
    await pool.end();
    await afterEnd?.();
  });
}

async function onMaintenanceDb(connectionString: string, sql: string): Promise<void> {
  const url = new URL(connectionString);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function migrateAdapter(connectionString: string) {
  const shadowUrl = new URL(connectionString);
  const shadowName = `${decodeURIComponent(shadowUrl.pathname.slice(1))}_prisma_shadow`;
  shadowUrl.pathname = `/${encodeURIComponent(shadowName)}`;
  const dropShadow = `DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`;

  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(connectionString),
    connectToShadowDb: async () => {
      await onMaintenanceDb(connectionString, dropShadow);
      await onMaintenanceDb(connectionString, `CREATE DATABASE "${shadowName}"`);
      return connect(shadowUrl.toString(), () => onMaintenanceDb(connectionString, dropShadow));
    },
  };
}

/**
 * The WebAssembly engine leaves long timers behind that keep the CLI alive for up to a minute after
 * its work is done; they must not hold the process open.
 */
export function unrefLongTimers(thresholdMs = 1000): void {
  const original = globalThis.setTimeout;
  const patched = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = original(handler, ms, ...args);
    if ((ms ?? 0) >= thresholdMs) timer.unref();
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, original);
}
