/**
 * CORS for the API: pages on the origins listed in CORS_ORIGINS may call it with a bearer token.
 * Credentials are never allowed cross-origin, so a browser never sends the session cookie along.
 */
import { config } from "../config";

const exposed = "x-request-id, x-instance-id, retry-after, location, content-language";

function allowed(origin: string | null): origin is string {
  return origin !== null && config().CORS_ORIGINS.includes(origin);
}

/** Headers for an actual response to `origin`, or none when it is not allowed. */
export function corsHeaders(origin: string | null): Record<string, string> {
  if (!allowed(origin)) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": exposed, vary: "Origin" };
}

/** The answer to a preflight: permissions for an allowed origin, none otherwise (the browser then refuses). */
export function preflightResponse(origin: string | null): Response {
  const headers: Record<string, string> = { vary: "Origin", "cache-control": "no-store" };
  if (allowed(origin)) {
    Object.assign(headers, {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
      "access-control-allow-headers": "authorization, content-type, accept-language, x-request-id",
      "access-control-max-age": "600",
    });
  }
  return new Response(null, { status: 204, headers });
}
