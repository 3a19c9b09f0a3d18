/**
 * Shutdown coordination between the process entry (server/main.ts) and the app's modules.
 * The entry is bundled apart from Next's server bundles, so the state lives on globalThis under a
 * registered symbol: both copies of this module see the same one.
 */
type Lifecycle = { draining: AbortController; closers: (() => Promise<void>)[] };

const key = Symbol.for("presenca.lifecycle");
const holder = globalThis as unknown as Record<symbol, Lifecycle | undefined>;

function state(): Lifecycle {
  holder[key] ??= { draining: new AbortController(), closers: [] };
  return holder[key];
}

/** Aborted when the instance starts shutting down: long-lived responses (live streams) end on it. */
export const shutdownSignal = (): AbortSignal => state().draining.signal;

export const isDraining = (): boolean => state().draining.signal.aborted;

/** Registers work for the very end of a shutdown, once no request is in flight (e.g. closing the pool). */
export function onClose(fn: () => Promise<void>): void {
  state().closers.push(fn);
}

export function beginDrain(): void {
  state().draining.abort();
}

/** Runs every registered closer; returns what they threw. */
export async function runClosers(): Promise<unknown[]> {
  const results = await Promise.allSettled(
    state()
      .closers.splice(0)
      .map((fn) => fn()),
  );
  return results.flatMap((r): unknown[] => (r.status === "rejected" ? [r.reason as unknown] : []));
}
