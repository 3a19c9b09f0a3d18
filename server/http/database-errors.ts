/**
 * Recognises failures that mean "the database cannot serve us right now" (down, restarting, overloaded,
 * or a statement that hit its timeout), which clients should see as a 503 to retry, not a 500.
 */
const unavailableSqlStates = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "57014", // query_canceled (statement_timeout)
  "55P03", // lock_not_available (lock_timeout)
  "08000",
  "08001",
  "08003",
  "08006",
  // Prisma: server unreachable, timed out, closed the connection, pool exhausted.
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
]);
const unavailableNodeCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
const unavailableAdapterKinds = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "SocketTimeout",
  "TooManyConnections",
  "ConnectionClosed",
  "TransactionWriteConflict",
]);
const unavailableMessages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /canceling statement due to (statement|lock) timeout/i,
  /Query read timeout/i, // node-postgres' query_timeout: the server did not answer at all
  /Can't reach database server/i,
  /the database system is (starting up|shutting down)/i,
];

function* causes(err: unknown): Generator<Record<string, unknown>> {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const record = current as Record<string, unknown>;
    yield record;
    current = record.cause ?? (record.meta as Record<string, unknown> | undefined)?.driverAdapterError;
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (typeof e.code === "string" && (unavailableSqlStates.has(e.code) || unavailableNodeCodes.has(e.code))) return true;
    if (typeof e.originalCode === "string" && unavailableSqlStates.has(e.originalCode)) return true;
    if (typeof e.kind === "string" && unavailableAdapterKinds.has(e.kind)) return true;
    if (typeof e.message === "string" && unavailableMessages.some((re) => re.test(e.message as string))) return true;
  }
  return false;
}
