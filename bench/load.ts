/**
 * The load generator: each virtual client takes the next student and does the real two-step check-in
 * (QR token → ticket, then register), as fast as the service answers, at a fixed concurrency.
 * It records every step's latency and status, and a per-second timeline for the chart.
 */
import { Pool } from "undici";
import { qrToken, windowAt } from "@/server/checkin-tokens";

// The deployment under test runs with the default QR window.
const QR_WINDOW_SECONDS = Number(process.env.QR_WINDOW_SECONDS ?? 10);

export type Student = { code: string; sheetId: string; secret: Buffer; studentNumber: string; name: string };

export type Sample = { at: number; ms: number; status: number; op: string };

export type LoadResult = {
  checkins: number;
  acknowledged: Student[];
  failed: Student[];
  samples: Sample[];
  startedAt: number;
  durationMs: number;
};

/** A string field of an answer, or "" when it is missing. */
export const textOf = (value: unknown): string => (typeof value === "string" ? value : "");

export type Reply = { status: number; json: Record<string, unknown> | null; cookie: string | null };

export async function send(
  pool: Pool,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  options: { body?: unknown; token?: string; cookie?: string | null } = {},
): Promise<Reply> {
  try {
    const res = await pool.request({
      method,
      path,
      headers: {
        "accept-language": "en",
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await res.body.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = null;
    }
    const set = res.headers["set-cookie"];
    const cookie = (Array.isArray(set) ? set[0] : set)?.split(";")[0] ?? null;
    return { status: res.statusCode, json, cookie };
  } catch {
    return { status: 0, json: null, cookie: null }; // connection refused, reset or timed out
  }
}

/** The token the student's projection shows now: what the phone scans. */
export const currentQrToken = (s: Student) => qrToken(s.secret, s.sheetId, windowAt(Date.now(), QR_WINDOW_SECONDS));

/** One student's check-in; true when the service acknowledged it (201 or 200). */
export async function checkInOnce(pool: Pool, s: Student, samples: Sample[]): Promise<boolean> {
  const t0 = performance.now();
  const token = currentQrToken(s);
  const ticket = await send(pool, "POST", `/api/checkin/${s.code}/tickets`, { body: { token } });
  const t1 = performance.now();
  samples.push({ at: Date.now(), ms: t1 - t0, status: ticket.status, op: "ticket" });
  if (ticket.status !== 201 || typeof ticket.json?.ticket !== "string") return false;
  // Each virtual student is a browser of its own: the ticket works only with the cookie it came with.
  const reg = await send(pool, "POST", `/api/checkin/${s.code}`, {
    body: { ticket: ticket.json.ticket, studentNumber: s.studentNumber, name: s.name },
    cookie: ticket.cookie,
  });
  const t2 = performance.now();
  samples.push({ at: Date.now(), ms: t2 - t1, status: reg.status, op: "checkin" });
  samples.push({ at: Date.now(), ms: t2 - t0, status: reg.status, op: "two-step" });
  return reg.status === 201 || reg.status === 200;
}

export async function burst(
  origin: string,
  students: Student[],
  options: { concurrency: number; maxMs: number; retries?: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: options.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const samples: Sample[] = [];
  const acknowledged: Student[] = [];
  const failed: Student[] = [];
  const queue = [...students];
  const startedAt = Date.now();
  const deadline = startedAt + options.maxMs;
  const worker = async () => {
    for (let s = queue.shift(); s && Date.now() < deadline; s = queue.shift()) {
      let ok = false;
      for (let attempt = 0; attempt <= (options.retries ?? 0) && !ok && Date.now() < deadline; attempt++) {
        ok = await checkInOnce(pool, s, samples);
      }
      (ok ? acknowledged : failed).push(s);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await pool.close();
  return { checkins: acknowledged.length, acknowledged, failed, samples, startedAt, durationMs: Date.now() - startedAt };
}
