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
}
