/**
 * Whether this instance can reach its database: the outcome of the pool's latest attempt to open a
 * connection (pool.ts). An instance that cannot reach it answers 503 everywhere, pages included
 * (http/outage-answer.ts), so that nginx retries elsewhere and marks it failed instead of passing 500s
 * on. Kept on globalThis under a registered symbol: the entry (main.ts) is bundled apart from Next's
 * server bundles, and both must see the same state.
 */
type Reach = { unreachable: boolean };

const key = Symbol.for("presenca.database-reach");
const holder = globalThis as unknown as Record<symbol, Reach | undefined>;

function state(): Reach {
  holder[key] ??= { unreachable: false };
  return holder[key];
}

export function noteConnectOutcome(connected: boolean): void {
  state().unreachable = !connected;
}

export const databaseUnreachable = (): boolean => state().unreachable;
