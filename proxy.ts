/** Runs before the API's route handlers: answers CORS preflights and marks allowed cross-origin responses. */
import { NextResponse, type NextRequest } from "next/server";
import { corsHeaders, preflightResponse } from "./server/http/cors";

export function proxy(request: NextRequest): Response {
  const origin = request.headers.get("origin");
  if (request.method === "OPTIONS" && request.headers.has("access-control-request-method")) return preflightResponse(origin);
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
  return response;
}

export const config = { matcher: "/api/:path*" };
