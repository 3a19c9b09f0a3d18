/**
 * Runs before pages and route handlers, and only for the requests that need it, so that the hot path
 * (check-ins) pays nothing for it:
 * - every page that is not public needs a signed-in teacher: without a valid session it redirects to
 *   /login, which comes back after. Pages are private unless listed in `publicPages`, so a new teacher
 *   page is gated without remembering to (pages still read the teacher, and revocations, themselves);
 * - a path under /api that is not valid percent-encoded UTF-8 (e.g. "%ZZ") gets a problem+json 400 here,
 *   where Next's router would answer a bare 500;
 * - a CORS preflight is answered here (the route wrapper adds CORS headers to actual responses).
 */
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { sessionClaims } from "@/server/auth/session-cookie";
import { config as appConfig } from "@/server/config";
import { AppError } from "@/server/errors";
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

// Public pages (the home page, sign-in and registration, the student's pages, the offline page) and the
// files of public/; every other page is a teacher's.
const publicPage =
  /^\/(?:$|c(?:\/|$)|scan$|login$|register$|offline$|locale$|icons\/|swagger-ui\/|[\w.-]+\.(?:js|svg|png|ico|txt|webmanifest)$)/;

async function signInFirst(request: NextRequest): Promise<Response> {
  if (publicPage.test(request.nextUrl.pathname)) return NextResponse.next();
  if (await sessionClaims(request.headers.get("cookie"))) return NextResponse.next();
  const login = new URL("/login", appConfig().PUBLIC_ORIGIN);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export async function proxy(request: NextRequest): Promise<Response> {
  if (!request.nextUrl.pathname.startsWith("/api/")) return signInFirst(request);
  const malformed = malformedPath(request);
  if (malformed) return malformed;
  if (request.method === "OPTIONS" && request.headers.has("access-control-request-method")) {
    return preflightResponse(request.headers.get("origin"));
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/((?!api/|_next/).*)",
    "/api/:path(.*%.*)",
    { source: "/api/:path*", has: [{ type: "header", key: "access-control-request-method" }] },
  ],
};
