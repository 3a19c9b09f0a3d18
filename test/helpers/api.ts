/**
 * A small client for the API under test, plus direct database access for assertions. Every answer it
 * receives is checked against the OpenAPI document (contract.ts).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { assertContract } from "./contract";

export const baseUrl = process.env.TEST_BASE_URL ?? "http://127.0.0.1:3000";

export type Reply<T = Record<string, unknown>> = { status: number; body: T; headers: Headers; text: string };

export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  assertContract(method, path, response.status, response.headers.get("content-type"), text);
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}

export const uniqueEmail = () => `t-${randomUUID().slice(0, 8)}@example.org`;
export const PASSWORD = "correct horse battery";

export type Teacher = { id: string; email: string; token: string };

export async function newTeacher(name = "Test Teacher"): Promise<Teacher> {
  const email = uniqueEmail();
  const account = await call<{ id: string }>("POST", "/api/accounts", { body: { email, name, password: PASSWORD } });
  if (account.status !== 201) throw new Error(`register failed: ${account.status} ${account.text}`);
  const token = await call<{ token: string }>("POST", "/api/tokens", { body: { email, password: PASSWORD } });
  if (token.status !== 201) throw new Error(`token failed: ${token.status} ${token.text}`);
  return { id: account.body.id, email, token: token.body.token };
}

export type Sheet = { id: string; code: string; status: string };

export async function firstCourseUnitId(token: string): Promise<string> {
  const units = await call<{ items: { id: string }[] }>("GET", "/api/course-units", { token });
  const first = units.body.items[0];
  if (!first) throw new Error("no course units: is the seed loaded?");
  return first.id;
}

export async function newSheet(teacher: Teacher, summary = "Aula"): Promise<Sheet> {
  const courseUnitId = await firstCourseUnitId(teacher.token);
  const sheet = await call<Sheet>("POST", "/api/sheets", { token: teacher.token, body: { courseUnitId, summary } });
  if (sheet.status !== 201) throw new Error(`sheet failed: ${sheet.status} ${sheet.text}`);
  return sheet.body;
}

export async function qr(teacher: Teacher, sheet: Sheet) {
  const reply = await call<{ url: string; token: string; digits: string; expiresAt: string }>("GET", `/api/sheets/${sheet.id}/qr`, {
    token: teacher.token,
  });
  return reply.body;
}

/** The browser cookie ("presenca_browser=…") a ticket was issued with: a ticket works only with it. */
const browserOfTicket = new Map<string, string>();
export const cookieOf = (ticket: string) => browserOfTicket.get(ticket) ?? "";
export const bindTicket = (ticket: string, cookie: string) => void browserOfTicket.set(ticket, cookie);

/** The browser cookie a reply set, as a Cookie header value. */
export const setCookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith("presenca_browser="))
    ?.split(";")[0] ?? "";

/** A ticket from the current QR, for a new browser (or for the browser whose cookie is given). */
export async function ticketFor(teacher: Teacher, sheet: Sheet, browserCookie?: string): Promise<string> {
  const exchange = async () =>
    call<{ ticket: string }>("POST", `/api/checkin/${sheet.code}/tickets`, {
      body: { token: (await qr(teacher, sheet)).token },
      headers: browserCookie ? { cookie: browserCookie } : {},
    });
  let reply = await exchange();
  // Hundreds at once on a busy machine can outlast a QR's two windows: scan again, as a student would.
  if (reply.status === 410) reply = await exchange();
  if (reply.status !== 201) throw new Error(`ticket failed: ${reply.status} ${reply.text}`);
  browserOfTicket.set(reply.body.ticket, browserCookie ?? setCookieOf(reply.headers));
  return reply.body.ticket;
}

/** Registers a student with a ticket, from the browser the ticket was issued to. */
export function checkin(
  sheet: Sheet,
  ticket: string,
  student: { studentNumber: string; name: string },
  headers: Record<string, string> = {},
) {
  return call<Record<string, unknown>>("POST", `/api/checkin/${sheet.code}`, {
    body: { ticket, studentNumber: student.studentNumber, name: student.name },
    headers: { cookie: cookieOf(ticket), ...headers },
  });
}

let pool: pg.Pool | undefined;
export function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  return pool;
}
export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export function assertProblem(reply: Reply, status: number, code: string): void {
  const body = reply.body as { code?: string; status?: number; requestId?: string };
  const type = reply.headers.get("content-type") ?? "";
  if (reply.status !== status || body?.code !== code || !type.startsWith("application/problem+json") || !body.requestId) {
    throw new Error(`expected ${status} ${code} problem+json, got ${reply.status} ${type} ${reply.text.slice(0, 300)}`);
  }
}

/** Signs in through next-auth's credentials flow, as the login page does; returns the Cookie header. */
export async function browserSession(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const signIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = signIn.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed: ${signIn.status}`);
  return session.split(";")[0] ?? "";
}
