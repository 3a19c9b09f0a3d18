/**
 * What every answer to a fuzzed request must satisfy: a documented success, or a 4xx problem+json the
 * operation can give; never a 5xx, never a stack trace or a database or framework message; and
 * requests that must be refused (forged credentials, foreign origins, stale tokens) never succeed.
 */
import type { Operation } from "../helpers/openapi";
import type { FuzzRequest, Reply } from "./requests";
import { Live } from "./world";

const leaks: RegExp[] = [
  /\n\s+at\s/,
  /\bat\s+\S+\s+\([^)]*:\d+:\d+\)/,
  /node_modules/,
  /\.next\//,
  /webpack/i,
  /prisma/i,
  /DriverAdapter/i,
  /invalid input syntax/i,
  /violates [\w ]*constraint/i,
  /duplicate key/i,
  /SQLSTATE|sqlstate/,
  /ECONN(REFUSED|RESET)/,
  /\b(Type|Reference|Range)Error\b/,
  /Cannot read propert/,
];

const labelOf = (value: unknown) => (value instanceof Live ? value.label : undefined);

function bodyField(request: FuzzRequest, field: string): unknown {
  return request.body.kind === "json" && request.body.value && typeof request.body.value === "object"
    ? (request.body.value as Record<string, unknown>)[field]
    : undefined;
}

/** Refusals the request itself calls for, whatever else is wrong with it. */
function mustBeRefused(operation: Operation, request: FuzzRequest): string | null {
  const { auth } = request;
  if (operation.secured && (auth.kind === "revoked" || auth.kind === "none" || auth.kind === "header")) return "no valid credentials";
  if (operation.secured && auth.kind === "session" && operation.method !== "GET") {
    const sameOrigin = auth.origin === "same" || auth.site === "same-origin";
    const notBrowser = auth.origin === "absent" && auth.site === undefined;
    if (!sameOrigin && !notBrowser) return "a cookie-authenticated change from another origin";
  }
  const id = labelOf(request.params.id);
  if (operation.path.startsWith("/api/sheets/{id}") && auth.kind === "token") {
    if (auth.who === "other" && id !== "other teacher's sheet id") return "another teacher's sheet";
    if (auth.who === "owner" && id === "other teacher's sheet id") return "another teacher's sheet";
  }
  const sheet = sheetOfCode[labelOf(request.params.code) ?? ""];
  if (operation.id === "POST /api/checkin/{code}") {
    const ticket = labelOf(bodyField(request, "ticket"));
    if (!sheet || sheetOfTicket[ticket ?? ""] !== sheet) return `a ticket (${ticket ?? "forged"}) not issued for sheet ${sheet ?? "?"}`;
  }
  if (operation.id === "POST /api/checkin/{code}/tickets" && bodyField(request, "token") !== undefined) {
    const token = labelOf(bodyField(request, "token"));
    if (!sheet || sheetOfQrToken[token ?? ""] !== sheet) return `a QR token (${token ?? "forged"}) not current for sheet ${sheet ?? "?"}`;
  }
  return null;
}

// Which fixture sheet each generated code, ticket and QR token stands for (see requests.ts); anything
// else (expired, tampered, forged) stands for none.
const sheetOfCode: Record<string, string> = {
  "open sheet code": "open",
  "open sheet code, lower case with a dash": "open",
  "closed sheet code": "closed",
  "other teacher's sheet code": "other",
};
const sheetOfTicket: Record<string, string> = {
  "valid ticket": "open",
  "code ticket": "open",
  "closed sheet's ticket": "closed",
  "other sheet's ticket": "other",
};
const sheetOfQrToken: Record<string, string> = {
  "current QR token": "open",
  "previous window's QR token": "open",
  "closed sheet's QR token": "closed",
  "other sheet's QR token": "other",
};

/** Returns what is wrong with the answer, or null. */
export function judge(operation: Operation, request: FuzzRequest, reply: Reply): string | null {
  const type = reply.headers.get("content-type") ?? "";
  if (reply.status >= 500) return `answered ${reply.status}`;
  const leak = leaks.find((re) => re.test(reply.text));
  if (leak) return `the answer leaks internals (${leak})`;
  if (reply.status >= 400) {
    if (!type.startsWith("application/problem+json")) return `a ${reply.status} that is not problem+json (${type})`;
    const p = reply.body;
    if (p.status !== reply.status) return `problem status ${String(p.status)} differs from ${reply.status}`;
    if (typeof p.code !== "string" || !/^[A-Z_]+$/.test(p.code)) return "problem without a stable code";
    if (typeof p.title !== "string" || typeof p.detail !== "string" || typeof p.type !== "string")
      return "problem without title/detail/type";
    if (typeof p.requestId !== "string" || p.requestId !== reply.headers.get("x-request-id")) return "problem without its request id";
    if ("debug" in p || "stack" in p) return "problem carries debugging details";
    if (!operation.statuses.includes(reply.status)) return `undocumented status ${reply.status} (${p.code})`;
    if (reply.status === 403 && p.code !== "CROSS_ORIGIN_REQUEST" && !operation.statuses.includes(403)) return `unexpected 403 ${p.code}`;
    return null;
  }
  if (!operation.statuses.includes(reply.status)) return `undocumented success status ${reply.status}`;
  const refusal = mustBeRefused(operation, request);
  if (refusal) return `accepted ${refusal}`;
  if (reply.status === 204) return reply.text === "" ? null : "a 204 with a body";
  const format = request.query.findLast(([k]) => k === "format")?.[1];
  const expected = operation.path.endsWith("/events")
    ? "text/event-stream"
    : format === "csv"
      ? "text/csv"
      : format === "xlsx"
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "application/json";
  if (!type.startsWith(expected)) return `success with content type ${type}`;
  return null;
}
