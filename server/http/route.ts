/**
 * The one wrapper every API handler goes through. It gives the handler a request id, the caller
 * (when the route needs one), the parsed and validated path, query and body, and turns anything
 * thrown into problem+json. It logs one line per request.
 */
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { config, isProduction } from "../config";
import { AppError } from "../errors";
import { log } from "../log";
import { authenticateRequest, type Caller } from "../auth/request-auth";
import { readJsonBody } from "./body";
import { corsHeaders } from "./cors";
import { problemResponse, toAppError } from "./problem";
import { parseOrThrow } from "./validation";
import { observeRequest } from "../metrics";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType<infer T> ? T : undefined;

type Spec<P, Q, B, A extends boolean> = {
  /** The route as documented, e.g. "/api/sheets/{id}", for logs and metrics. */
  name: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
};

export type Context<P, Q, B, A extends boolean> = {
  request: NextRequest;
  requestId: string;
  caller: A extends true ? Caller : null;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
};

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Cookie-authenticated changes must come from our own pages (no cross-site request forgery). */
function assertSameOrigin(request: NextRequest): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (origin === config().PUBLIC_ORIGIN || site === "same-origin") return;
  if (origin === null && site === null) return; // Not a browser: no ambient cookie to abuse.
  throw new AppError("CROSS_ORIGIN_REQUEST");
}

function requestIdOf(request: NextRequest): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w-]{8,128}$/.test(given) ? given : randomUUID();
}

export function route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends boolean>(
  spec: Spec<P, Q, B, A>,
  handler: (ctx: Context<P, Q, B, A>) => Promise<Response>,
) {
  return async (request: NextRequest, routeContext: RouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    let response: Response;
    let failure: unknown;
    try {
      const caller = spec.auth ? await authenticateRequest(request) : null;
      if (spec.auth && !caller) {
        throw new AppError("UNAUTHENTICATED", { headers: { "www-authenticate": 'Bearer realm="presenca"' } });
      }
      if (caller?.via === "session") assertSameOrigin(request);
      const rawParams = await routeContext.params;
      const params = spec.params ? parseOrThrow(spec.params, rawParams, "path") : undefined;
      const query = spec.query
        ? parseOrThrow(spec.query, Object.fromEntries(request.nextUrl.searchParams), "query")
        : undefined;
      const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(request, config().BODY_LIMIT_BYTES), "body") : undefined;
      response = await handler({ request, requestId, caller, params, query, body } as Context<P, Q, B, A>);
    } catch (err) {
      const { error, unexpected } = toAppError(err);
      if (unexpected || error.status >= 500) failure = err;
      response = problemResponse(error, { requestId, acceptLanguage: request.headers.get("accept-language") });
    }
    response.headers.set("x-request-id", requestId);
    response.headers.set("x-instance-id", config().INSTANCE_ID);
    for (const [name, value] of Object.entries(corsHeaders(request.headers.get("origin")))) response.headers.set(name, value);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    observeRequest(spec.name, request.method, response.status, durationMs);
    const level = response.status >= 500 ? "error" : "info";
    log(level, "request", {
      requestId,
      method: request.method,
      route: spec.name,
      status: response.status,
      durationMs,
      ...(failure ? { err: failure } : {}),
    });
    if (failure && !isProduction() && response.status === 500) {
      return withDevDetail(response, failure);
    }
    return response;
  };
}

/** In development, a 500 also carries the error message to speed up debugging; never in production. */
async function withDevDetail(response: Response, err: unknown): Promise<Response> {
  const body = (await response.json()) as Record<string, unknown>;
  const headers = new Headers(response.headers);
  return new Response(JSON.stringify({ ...body, debug: err instanceof Error ? err.message : String(err) }), {
    status: response.status,
    headers,
  });
}

export const json = (data: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
