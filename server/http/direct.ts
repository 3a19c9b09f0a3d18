/**
 * Requests the production entry (main.ts) serves itself instead of handing them to Next:
 * - the student's two check-in steps. At the start of a class they arrive by the hundred per second,
 *   and Next's router costs more per request than the check-in does (on these machines a no-op route
 *   handler serves about 590 requests/s per instance). They go through the same endpoints as in Next
 *   (checkin-endpoints.ts: the same validation, errors, logs and metrics), read straight from Node's
 *   request;
 * - a sheet's live stream (`GET /api/sheets/{id}/events`): it stays open for minutes and needs nothing
 *   of Next's router; written straight to the socket, with a caller authenticated the same way;
 * - the projection's QR codes (`GET /api/sheets/{id}/qr`): every open projection asks once per window;
 * - a poll of a sheet's list that has not changed (list-poll.ts): an empty 304 after one indexed read;
 * - methods a documented API path does not accept: a problem+json 405 with `Allow`, where Next would
 *   answer with an empty body.
 * Both carry the headers next.config declares, which `next build` writes to the routes manifest.
 */
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { AppError } from "../errors";
import { documentedPath } from "./allowed-methods";
import { authenticateRequest } from "../auth/request-auth";
import { registerEndpoint, ticketEndpoint } from "./checkin-endpoints";
import type { z } from "zod";
import {
  endpoint,
  eventStreamHeaders,
  isEventStream,
  renderJson,
  serve,
  type Answer,
  type ApiRequest,
  type Authenticate,
  type Endpoint,
} from "./endpoint";
import { listPath, notModifiedListEndpoint, unchangedListEtag } from "./list-poll";
import { pathMatcher, type PathMatch } from "./path-template";
import { sheetEventsEndpoint, sheetQrEndpoint } from "./live-endpoints";

type Schema = z.ZodType;
type HeaderRule = { regex: RegExp; headers: { key: string; value: string }[] };
type Served = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

// The check-in endpoints are public: they never look for a caller.
const nobody: Authenticate = () => Promise.resolve(null);

const callerOf =
  (request: ApiRequest): Authenticate =>
  () =>
    authenticateRequest(request.headers);

type Route = { method: string; match: PathMatch; respond: (request: ApiRequest, params: Record<string, string>) => Promise<Answer> };

/** An endpoint served here, found by the path its spec documents. */
function route<P extends Schema, Q extends Schema | undefined, B extends Schema | undefined, A extends boolean>(
  method: string,
  served: Endpoint<P, Q, B, A>,
  authenticate: (request: ApiRequest) => Authenticate,
): Route {
  return {
    method,
    match: pathMatcher(served.spec.name),
    respond: (request, params) => serve(served, request, params, authenticate(request)),
  };
}

const routes: Route[] = [
  route("POST", ticketEndpoint, () => nobody),
  route("POST", registerEndpoint, () => nobody),
  route("GET", sheetEventsEndpoint, callerOf),
  route("GET", sheetQrEndpoint, callerOf),
];

const listPoll = pathMatcher(listPath);

function headerRules(dir: string): HeaderRule[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, ".next", "routes-manifest.json"), "utf8")) as {
    headers?: { regex: string; headers: { key: string; value: string }[] }[];
  };
  return (manifest.headers ?? []).map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers }));
}

function apiRequest(req: http.IncomingMessage, origin: string): ApiRequest {
  return {
    method: req.method ?? "GET",
    url: `${origin}${req.url ?? "/"}`,
    headers: {
      get: (name) => {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
    body: req,
  };
}

/** Bytes a slow client may leave unread before its stream is cut (it reconnects and resumes). */
const MAX_UNREAD_BYTES = 1 << 20;

async function writeAnswer(res: http.ServerResponse, answer: Answer, extra: Record<string, string>): Promise<void> {
  let body: Buffer;
  const headers: Record<string, string> = { ...extra };
  if (isEventStream(answer)) {
    res.writeHead(answer.status, { ...headers, ...eventStreamHeaders, ...answer.headers });
    res.flushHeaders();
    const stop = answer.open({
      write: (frame) => {
        if (res.writableLength > MAX_UNREAD_BYTES) res.destroy();
        else res.write(frame);
      },
      end: () => res.end(),
    });
    res.once("close", stop);
    return;
  }
  if (answer instanceof Response) {
    body = Buffer.from(await answer.arrayBuffer());
    answer.headers.forEach((value, name) => (headers[name] = value));
  } else {
    const rendered = renderJson(answer);
    body = Buffer.from(rendered.body);
    Object.assign(headers, rendered.headers);
  }
  headers["content-length"] = String(body.length);
  res.writeHead(answer.status, headers).end(body);
}

function methodNotAllowed(template: string, allow: string[]) {
  return endpoint({ name: template, auth: false }, () =>
    Promise.reject(new AppError("METHOD_NOT_ALLOWED", { headers: { allow: allow.join(", ") } })),
  );
}

/**
 * Returns a function that picks the handler for a request: one of these endpoints, or undefined for Next.
 * `next` serves what a handler here finds is not its own after all (a changed list poll).
 */
export function directRoutes(dir: string, origin: string, next: Served) {
  const rules = headerRules(dir);
  const answer =
    (pathname: string, respond: (request: ApiRequest) => Promise<Answer>): Served =>
    async (request, res) => {
      const answered = await respond(apiRequest(request, origin));
      const extra: Record<string, string> = {};
      for (const rule of rules) {
        if (rule.regex.test(pathname)) rule.headers.forEach(({ key, value }) => (extra[key.toLowerCase()] = value));
      }
      await writeAnswer(res, answered, extra);
    };
  const unchangedPoll =
    (pathname: string, id: string): Served =>
    async (req, res) => {
      const request = apiRequest(req, origin);
      const caller = await callerOf(request)();
      const etag = caller && (await unchangedListEtag(request, caller, id));
      if (!caller || !etag) return next(req, res);
      await answer(pathname, () => serve(notModifiedListEndpoint(etag), request, {}, () => Promise.resolve(caller)))(req, res);
    };
  return (req: http.IncomingMessage): Served | undefined => {
    const method = req.method ?? "GET";
    // Preflights are answered by proxy.ts, with the CORS rules.
    if (method === "OPTIONS") return undefined;
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    const documented = documentedPath(pathname);
    if (documented && !documented.allow.includes(method)) {
      const refusal = methodNotAllowed(documented.template, documented.allow);
      return answer(pathname, (request) => serve(refusal, request, {}, nobody));
    }
    const list = method === "GET" && req.headers["if-none-match"] ? listPoll(pathname) : null;
    if (list?.id) return unchangedPoll(pathname, list.id);
    for (const { method: accepted, match, respond } of routes) {
      const params = accepted === method ? match(pathname) : null;
      if (params) return answer(pathname, (request) => respond(request, params));
    }
    return undefined;
  };
}
