/**
 * Conditional JSON responses, for clients that poll with If-None-Match: an empty 304 until something
 * changed. The ETag names a version (for a sheet's list: its change number and the query), so an
 * unchanged poll reads nothing but that version. It holds across instances: every instance reads the
 * same version from PostgreSQL.
 */
import { createHash } from "node:crypto";

export function versionEtag(version: unknown): string {
  return `W/"${createHash("sha256").update(JSON.stringify(version)).digest("base64url").slice(0, 27)}"`;
}

export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
}

/** A 304 for a client that has `etag`, or else the JSON that `read` gives, under that ETag. */
export async function versionedJson(
  request: { headers: Pick<Headers, "get"> },
  etag: string,
  read: () => Promise<unknown>,
): Promise<Response> {
  if (etagMatches(request.headers.get("if-none-match"), etag)) return notModified(etag);
  return new Response(JSON.stringify(await read()), {
    status: 200,
    headers: { ...cacheHeaders(etag), "content-type": "application/json; charset=utf-8" },
  });
}

const cacheHeaders = (etag: string) => ({ etag, "cache-control": "private, no-cache" });

export const notModified = (etag: string) => new Response(null, { status: 304, headers: cacheHeaders(etag) });
