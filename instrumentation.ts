/** Runs once when a server instance starts: a bad configuration stops it here, with a clear message. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./server/config");
  try {
    config();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(78); // EX_CONFIG
  }
  // The last step of a graceful shutdown (server/main.ts), once no request is in flight.
  const [{ onClose }, { closeDb }] = await Promise.all([import("./server/lifecycle"), import("./server/db")]);
  onClose(closeDb);
}
