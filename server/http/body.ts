/** Reads a JSON request body within a byte limit, turning every way it can be wrong into a 4xx. */
import { AppError } from "../errors";

async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", { params: { limit } });
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader);
      throw new AppError("PAYLOAD_TOO_LARGE", { params: { limit } });
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("MALFORMED_JSON", { detail: "The request body is not valid UTF-8." });
  }
}

/**
 * Reads and drops what is left of an oversized body, up to a bound, so that a client still sending reads
 * the 413 instead of a connection reset; a body longer than that is cut off.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, max = 1_048_576): Promise<void> {
  for (let dropped = 0; dropped <= max; ) {
    const { done, value } = await reader.read();
    if (done) return;
    dropped += value.byteLength;
  }
  await reader.cancel();
}

export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  const text = await readLimited(request, limit);
  if (text.trim() === "") return {};
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("MALFORMED_JSON", {
      detail: `The request body is not valid JSON: ${err instanceof Error ? err.message : "parse error"}.`,
    });
  }
  // JSON may escape half of a surrogate pair ("\ud800"): text no database or encoder can store.
  if (/\\u[dD][89a-fA-F]/.test(text) && hasUnpairedSurrogate(value)) {
    throw new AppError("MALFORMED_JSON", { detail: "The request body contains an unpaired UTF-16 surrogate escape." });
  }
  return value;
}

/** Walks the parsed body without recursion: a 16 KB body can nest thousands of levels deep. */
function hasUnpairedSurrogate(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string" && /\p{Cs}/u.test(value)) return true;
    if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) pending.push(key, child);
    }
  }
  return false;
}
