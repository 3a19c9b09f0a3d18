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
      await reader.cancel();
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

export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  const text = await readLimited(request, limit);
  if (text.trim() === "") return {};
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError("MALFORMED_JSON", {
      detail: `The request body is not valid JSON: ${err instanceof Error ? err.message : "parse error"}.`,
    });
  }
}
