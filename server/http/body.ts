/** Reads a JSON request body within a byte limit, turning every way it can be wrong into a 4xx. */
import { AppError } from "../errors";

/** What is read of a request: a web Request fits, and direct.ts adapts Node's IncomingMessage to it. */
export type BodySource = { headers: Pick<Headers, "get">; body: AsyncIterable<Uint8Array> | null };

// Past the limit, what a client is still sending is read and dropped up to this bound, so that it reads
// the 413 instead of a connection reset; a body longer than that is cut off.
const DISCARD_BYTES = 1_048_576;

/** The raw bytes of a body, refused with 413 past the limit. */
export async function readLimitedBytes(request: BodySource, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", { params: { limit } });
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size <= limit) chunks.push(chunk);
    else if (size > limit + DISCARD_BYTES) break;
  }
  if (size > limit) throw new AppError("PAYLOAD_TOO_LARGE", { params: { limit } });
  return Buffer.concat(chunks);
}

async function readLimited(request: BodySource, limit: number): Promise<string> {
  const bytes = await readLimitedBytes(request, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("MALFORMED_JSON", { detail: "The request body is not valid UTF-8." });
  }
}

export async function readJsonBody(request: BodySource, limit: number): Promise<unknown> {
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
