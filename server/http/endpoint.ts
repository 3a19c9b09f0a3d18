/**
 * What every API request goes through, whoever routed it (Next: route.ts; the production entry:
 * direct.ts). It gives the handler a request id, the caller (when the endpoint needs one), the parsed
 * and validated path, query and body, and turns anything thrown into problem+json. It logs one line
 * and records metrics per request.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { config, isProduction } from "../config";
import { AppError } from "../errors";
import { log } from "../log";
import type { Caller } from "../auth/request-auth";
import { readJsonBody, type BodySource } from "./body";
import { corsHeaders } from "./cors";
import { problemResponse, toAppError } from "./problem";
import { parseOrThrow } from "./validation";
import { observeRequest } from "../metrics";
import type { Sink } from "../live/hub";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType<infer T> ? T : undefined;

export type Spec<P, Q, B, A extends boolean> = {
  /** The route as documented, e.g. "/api/sheets/{id}", for logs and metrics. */
  name: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
};

/** What an endpoint reads of a request, whichever server received it: a web Request fits. */
export type ApiRequest = BodySource & { method: string; url: string };

export type Context<P, Q, B, A extends boolean> = {
  request: ApiRequest;
  requestId: string;
  caller: A extends true ? Caller : null;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
};

/** Who is calling; the router that owns the request knows how to tell (session cookies need Next's request). */
export type Authenticate = () => Promise<Caller | null>;

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Cookie-authenticated changes must come from our own pages (no cross-site request forgery). */
function assertSameOrigin(request: ApiRequest): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (origin === config().PUBLIC_ORIGIN || site === "same-origin") return;
  if (origin === null && site === null) return; // Not a browser: no ambient cookie to abuse.
  throw new AppError("CROSS_ORIGIN_REQUEST");
}

function requestIdOf(request: ApiRequest): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w-]{8,128}$/.test(given) ? given : randomUUID();
}

/**
 * A JSON answer not rendered yet. The check-in endpoints answer with these: the production entry writes
 * them straight to the socket (direct.ts), while Next gets a Response (toResponse).
 */
export type JsonReply = { status: number; data: unknown; headers: Record<string, string> };

/**
 * A Server-Sent Events stream not started yet: `open` starts writing frames to the sink and returns what
 * stops it when the client goes away. The production entry writes it to Node's response (direct.ts);
 * Next gets a streaming Response (toResponse).
 */
export type EventStreamReply = { status: 200; headers: Record<string, string>; open: (sink: Sink) => () => void };

export type Answer = Response | JsonReply | EventStreamReply;

export const isEventStream = (answer: Answer): answer is EventStreamReply => !(answer instanceof Response) && "open" in answer;

export type Endpoint<P, Q, B, A extends boolean> = {
  spec: Spec<P, Q, B, A>;
  handler: (ctx: Context<P, Q, B, A>) => Promise<Answer>;
};

export async function serve<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends boolean>(
  { spec, handler }: Endpoint<P, Q, B, A>,
  request: ApiRequest,
  rawParams: Record<string, string | string[]>,
  authenticate: Authenticate,
): Promise<Answer> {
  const started = performance.now();
  const requestId = requestIdOf(request);
  let response: Answer;
  let failure: unknown;
  try {
    const caller = spec.auth ? await authenticate() : null;
    if (spec.auth && !caller) {
      throw new AppError("UNAUTHENTICATED", { headers: { "www-authenticate": 'Bearer realm="presenca"' } });
    }
    if (caller?.via === "session") assertSameOrigin(request);
    const params = spec.params ? parseOrThrow(spec.params, rawParams, "path") : undefined;
    const query = spec.query ? parseOrThrow(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query") : undefined;
    const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(request, config().BODY_LIMIT_BYTES), "body") : undefined;
    response = await handler({ request, requestId, caller, params, query, body } as Context<P, Q, B, A>);
  } catch (err) {
    const { error, unexpected } = toAppError(err);
    if (unexpected || error.status >= 500) failure = err;
    response = problemResponse(error, { requestId, acceptLanguage: request.headers.get("accept-language") });
  }
  const added = { "x-request-id": requestId, "x-instance-id": config().INSTANCE_ID, ...corsHeaders(request.headers.get("origin")) };
  if (response instanceof Response) for (const [name, value] of Object.entries(added)) response.headers.set(name, value);
  else Object.assign(response.headers, added);
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
  if (failure && !isProduction() && response instanceof Response && response.status === 500) {
    return withDevDetail(response, failure);
  }
  return response;
}

export function endpoint<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends boolean>(
  spec: Spec<P, Q, B, A>,
  handler: (ctx: Context<P, Q, B, A>) => Promise<Answer>,
): Endpoint<P, Q, B, A> {
  return { spec, handler };
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

export const reply = (data: unknown, status = 200, headers: Record<string, string> = {}): JsonReply => ({ status, data, headers });

/** The body and headers of a JSON answer, as both routers send it. */
export function renderJson(answer: JsonReply): { body: string; headers: Record<string, string> } {
  return {
    body: JSON.stringify(answer.data),
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...answer.headers },
  };
}

/** Headers of every event stream: nginx must pass it on unbuffered and unchanged. */
export const eventStreamHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  "x-accel-buffering": "no",
};

function streamingResponse(answer: EventStreamReply): Response {
  const encoder = new TextEncoder();
  let stop: (() => void) | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      stop = answer.open({
        write: (frame) => {
          if (open) controller.enqueue(encoder.encode(frame));
        },
        end: () => {
          if (open) controller.close();
          open = false;
        },
      });
    },
    cancel() {
      stop?.();
    },
  });
  return new Response(body, { status: answer.status, headers: { ...eventStreamHeaders, ...answer.headers } });
}

export function toResponse(answer: Answer): Response {
  if (answer instanceof Response) return answer;
  if (isEventStream(answer)) return streamingResponse(answer);
  const { body, headers } = renderJson(answer);
  return new Response(body, { status: answer.status, headers });
}

export const json = (data: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  toResponse(reply(data, status, headers));
