/**
 * Runs before Next's router, only for API paths containing a percent sign: a path that is not valid
 * percent-encoded UTF-8 (e.g. "%ZZ") gets a problem+json 400 here, where Next's router would answer
 * a bare 500.
 */
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/server/errors";
import { problemResponse } from "@/server/http/problem";

export function proxy(request: NextRequest): Response {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    const error = new AppError("VALIDATION_FAILED", {
      errors: [{ field: "path", code: "invalid_encoding", message: "is not valid percent-encoded UTF-8" }],
    });
    return problemResponse(error, { requestId: randomUUID(), acceptLanguage: request.headers.get("accept-language") });
  }
}

export const config = { matcher: "/api/:path(.*%.*)" };
