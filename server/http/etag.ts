/**
 * Conditional JSON responses: the ETag is a hash of the body, so a client polling with If-None-Match
 * gets an empty 304 until something really changed. It holds across instances because every instance
 * renders the same body from the same PostgreSQL rows.
 */
import { createHash } from "node:crypto";

export function etagOf(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
}

export function conditionalJson(request: { headers: Pick<Headers, "get"> }, data: unknown): Response {
  const body = JSON.stringify(data);
  const etag = etagOf(body);
  // private, no-cache: a browser may keep it but must ask again each time; shared caches must not.
  const headers = { etag, "cache-control": "private, no-cache" };
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
}
