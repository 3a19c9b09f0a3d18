/**
 * A response that Next is about to send as a 500 while this instance cannot reach its database
 * (database-reach.ts) goes out as a 503 with Retry-After instead: problem+json under /api, a short
 * page elsewhere. A page whose data could not be read is an outage, not a bug, and the 503 is what lets
 * nginx retry the request on another instance and take this one out (its passive failure marking).
 * Route handlers already map database failures to 503 (problem.ts); this covers pages and anything
 * else rendered by Next.
 */
import type http from "node:http";
import { randomUUID } from "node:crypto";
import { negotiateLocale } from "@/lib/i18n/locales";
import { problemText } from "@/lib/i18n/problems";
import { databaseUnreachable } from "../database-reach";
import { AppError } from "../errors";
import { toAppError } from "./problem";

export const RETRY_AFTER_SECONDS = 2;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 503 itself, for an API path or a page. */
export function outageAnswer(
  url: string | undefined,
  acceptLanguage: string | undefined,
): { headers: Record<string, string>; body: string } {
  const locale = negotiateLocale(acceptLanguage ?? null);
  const requestId = randomUUID();
  const common = {
    "cache-control": "no-store",
    "retry-after": String(RETRY_AFTER_SECONDS),
    "content-language": locale,
    "x-request-id": requestId,
  };
  if ((url ?? "/").startsWith("/api/")) {
    const error = new AppError("SERVICE_UNAVAILABLE");
    const text = problemText(error.code, locale);
    const body = JSON.stringify({
      type: "https://presenca.dev/problems/service-unavailable",
      title: text.title,
      status: 503,
      code: error.code,
      detail: text.detail,
      requestId,
    });
    return { headers: { ...common, "content-type": "application/problem+json; charset=utf-8" }, body };
  }
  const text = problemText("SERVICE_UNAVAILABLE", locale);
  const body =
    `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(text.title)} · Presença</title><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.detail)}</p></html>`;
  return { headers: { ...common, "content-type": "text/html; charset=utf-8" }, body };
}

type Write = http.ServerResponse["write"];
type End = http.ServerResponse["end"];

const callbackOf = (args: unknown[]) => args.find((a): a is () => void => typeof a === "function");

/** Watches one response handed to Next: its 500, while the database is unreachable, becomes the 503 above. */
export function answerOutagesWith503(req: http.IncomingMessage, res: http.ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  let replacement: string | undefined;
  const replaceIf = (status: number): boolean => {
    if (replacement !== undefined) return true;
    if (status !== 500 || res.headersSent || !databaseUnreachable()) return false;
    const answer = outageAnswer(req.url, req.headers["accept-language"]);
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    replacement = answer.body;
    writeHead(503, { ...answer.headers, "content-length": String(Buffer.byteLength(answer.body)) });
    return true;
  };
  res.writeHead = (status: number, ...rest: unknown[]) => (replaceIf(status) ? res : writeHead(status, ...rest));
  // Next's own error page is dropped: the 503 carries its own body, sent at the end.
  res.write = ((...args: unknown[]) => {
    if (!replaceIf(res.statusCode)) return write(...args);
    const done = callbackOf(args);
    if (done) process.nextTick(done);
    return true;
  }) as Write;
  res.end = ((...args: unknown[]) => {
    if (!replaceIf(res.statusCode)) return end(...args);
    const done = callbackOf(args);
    return done ? end(replacement, done) : end(replacement);
  }) as End;
}

/** What the entry answers when a request fails outside Next (its fast path, or Next itself throwing). */
export function failureAnswer(err: unknown, req: http.IncomingMessage): { status: number; headers: Record<string, string>; body: string } {
  const { error } = toAppError(err);
  if (error.status === 503 || databaseUnreachable()) return { status: 503, ...outageAnswer(req.url, req.headers["accept-language"]) };
  return { status: 500, headers: { "content-type": "text/plain" }, body: "Internal Server Error" };
}
