/**
 * Runs before the API's route handlers:
 * - a path that is not valid percent-encoded UTF-8 (e.g. "%ZZ") gets a problem+json 400 here, where
 *   Next's router would answer a bare 500;
 * - CORS: answers preflights and marks allowed cross-origin responses.
 */
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/server/errors";
import { corsHeaders, preflightResponse } from "@/server/http/cors";
import { problemResponse } from "@/server/http/problem";

function malformedPath(request: NextRequest): Response | null {
  if (!request.nextUrl.pathname.includes("%")) return null;
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return null;
  } catch {
    const error = new AppError("VALIDATION_FAILED", {
      errors: [{ field: "path", code: "invalid_encoding", message: "is not valid percent-encoded UTF-8" }],
    });
    return problemResponse(error, { requestId: randomUUID(), acceptLanguage: request.headers.get("accept-language") });
  }
}

export function proxy(request: NextRequest): Response {
  const malformed = malformedPath(request);
  if (malformed) return malformed;
  const origin = request.headers.get("origin");
  if (request.method === "OPTIONS" && request.headers.has("access-control-request-method")) return preflightResponse(origin);
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
  return response;
}

export const config = { matcher: "/api/:path*" };
