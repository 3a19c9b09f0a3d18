/**
 * Runs before the API's route handlers, and only for the two requests that need it, so that the hot
 * path (check-ins) pays nothing for it:
 * - a path that is not valid percent-encoded UTF-8 (e.g. "%ZZ") gets a problem+json 400 here, where
 *   Next's router would answer a bare 500;
 * - a CORS preflight is answered here (the route wrapper adds CORS headers to actual responses);
 * - a student's check-in page (/c/<code>) gives a browser without one its browser cookie, on the request
 *   too, so the page can exchange the scanned code for a ticket bound to this browser while it renders.
 */
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/server/errors";
import { BROWSER_COOKIE, mintBrowser, readBrowser, setBrowserCookie } from "@/server/presence/browser-key";
import { preflightResponse } from "@/server/http/cors";
import { problemResponse } from "@/server/http/problem";

function malformedPath(request: NextRequest): Response | null {
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

function withBrowserCookie(request: NextRequest): Response {
  if (readBrowser(request.cookies.get(BROWSER_COOKIE)?.value)) return NextResponse.next();
  const { cookie } = mintBrowser();
  request.cookies.set(BROWSER_COOKIE, cookie);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.headers.append("set-cookie", setBrowserCookie(cookie));
  return response;
}

export function proxy(request: NextRequest): Response {
  const malformed = malformedPath(request);
  if (malformed) return malformed;
  if (request.nextUrl.pathname.startsWith("/c/")) return withBrowserCookie(request);
  if (request.method === "OPTIONS" && request.headers.has("access-control-request-method")) {
    return preflightResponse(request.headers.get("origin"));
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/c/:code+",
    "/api/:path(.*%.*)",
    { source: "/api/:path*", has: [{ type: "header", key: "access-control-request-method" }] },
  ],
};
