/**
 * The one node-postgres pool of the process. The Prisma client (db.ts) runs over it, and the student
 * check-in path uses it directly. The production entry (main.ts) is bundled apart from Next's server
 * bundles, so the pool lives on globalThis under a registered symbol: both copies share one pool.
 * It connects on first use, so that importing this module (as `next build` does) needs no database.
 */
import pg from "pg";
import { config } from "./config";
import { noteConnectOutcome } from "./database-reach";

const key = Symbol.for("presenca.pool");
const holder = globalThis as unknown as Record<symbol, pg.Pool | undefined>;
const listenersKey = Symbol.for("presenca.pool-notifications");
const listeners = globalThis as unknown as Record<symbol, Set<(n: pg.Notification) => void> | undefined>;
const notificationListeners = () => (listeners[listenersKey] ??= new Set());

/**
 * Notifications that arrive on the pool's connections. On a real server they never do (only the live
 * hub's own connection listens), but the embedded database shares one session between all connections,
 * so there a notification comes back on the connection whose transaction sent it, and only there.
 */
export function onPoolNotification(fn: (n: pg.Notification) => void): void {
  notificationListeners().add(fn);
}

type ConnectCallback = ((err: Error) => void) | ((err: null, c: pg.Client) => void);

/** A client that records whether its connection could be opened (the pool always passes a callback). */
class WatchedClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.Client> | void {
    if (!callback) {
      return super.connect().then(
        (client) => (noteConnectOutcome(true), client),
        (err: unknown) => {
          noteConnectOutcome(false);
          throw err;
        },
      );
    }
    super.connect((err: Error | null) => {
      noteConnectOutcome(!err);
      (callback as (err: Error | null, c?: pg.Client) => void)(err, this);
    });
  }
}

function connect(): pg.Pool {
  const { DATABASE_URL, DB_POOL_SIZE, DB_POOL_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS } = config();
  const created = new pg.Pool({
    Client: WatchedClient,
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
  created.on("error", () => undefined);
  created.on("connect", (client) => client.on("notification", (n) => notificationListeners().forEach((fn) => fn(n))));
  return created;
}

export function pool(): pg.Pool {
  holder[key] ??= connect();
  return holder[key];
}

export async function closePool(): Promise<void> {
  const current = holder[key];
  holder[key] = undefined;
  await current?.end();
}
