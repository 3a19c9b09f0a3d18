/**
 * The baseline for the benchmark: the same two-step check-in (HMAC-checked QR token → signed ticket,
 * bound to the browser's cookie, then a validated insert, idempotent per student) as a bare Node HTTP server over `pg`, with no
 * framework, no ORM, no logging and no metrics. It answers "how fast could this machine do it at all?".
 * It speaks the app's paths and bodies, so the same load generator drives both.
 * Usage: DATABASE_URL=… AUTH_SECRET=… PORT=… tsx bench/baseline-server.ts
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";

const WINDOW_MS = Number(process.env.QR_WINDOW_SECONDS ?? 10) * 1000;
const TICKET_TTL_S = 300;
const key = createHmac("sha256", process.env.AUTH_SECRET ?? "")
  .update("baseline tickets")
  .digest();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });

const mac = (k: Buffer, s: string) => createHmac("sha256", k).update(s).digest();
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= 16_384) chunks.push(c);
    });
    req.on("end", () => {
      try {
        const v: unknown = JSON.parse(Buffer.concat(chunks).toString());
        resolve(size <= 16_384 && v && typeof v === "object" ? (v as Record<string, unknown>) : null);
      } catch {
        resolve(null);
      }
    });
  });
}

const browserOf = (req: http.IncomingMessage) => /(?:^|;\s*)b=([\w-]{22})/.exec(req.headers.cookie ?? "")?.[1];

async function tickets(code: string, body: Record<string, unknown>, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (typeof body.token !== "string") return reply(res, 400, { code: "VALIDATION_FAILED" });
  const { rows } = await pool.query<{ id: string; secret: Buffer; status: string }>(
    "SELECT id, secret, status FROM sheets WHERE code = $1",
    [code],
  );
  const sheet = rows[0];
  if (!sheet) return reply(res, 404, { code: "SHEET_NOT_FOUND" });
  if (sheet.status !== "open") return reply(res, 409, { code: "SHEET_CLOSED" });
  const w = Math.floor(Date.now() / WINDOW_MS);
  const valid = [w, w - 1].some((x) =>
    same(mac(sheet.secret, `qr|${sheet.id}|${x}`).subarray(0, 12).toString("base64url"), body.token as string),
  );
  if (!valid) return reply(res, 400, { code: "QR_TOKEN_INVALID" });
  const browser = browserOf(req) ?? randomBytes(16).toString("base64url");
  const payload = `${sheet.id}.${code}.qr.${Math.floor(Date.now() / 1000) + TICKET_TTL_S}.${browser}`;
  const ticket = `${payload}.${mac(key, payload).subarray(0, 16).toString("base64url")}`;
  reply(res, 201, { ticket }, { "set-cookie": `b=${browser}; Path=/; HttpOnly; SameSite=Lax` });
}

async function checkin(code: string, body: Record<string, unknown>, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { ticket, studentNumber, name } = body;
  if (typeof ticket !== "string" || typeof studentNumber !== "string" || typeof name !== "string") {
    return reply(res, 400, { code: "VALIDATION_FAILED" });
  }
  const number = studentNumber.replace(/\s+/g, "").toUpperCase();
  const cleanName = name.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!/^[A-Z0-9]{1,20}$/.test(number) || cleanName.length < 2 || cleanName.length > 120 || /\p{Cc}/u.test(cleanName)) {
    return reply(res, 400, { code: "VALIDATION_FAILED" });
  }
  const [sheetId, ticketCode, method, exp, browser, sig] = ticket.split(".");
  const expected = mac(key, `${sheetId}.${ticketCode}.${method}.${exp}.${browser}`).subarray(0, 16).toString("base64url");
  if (!sig || !same(expected, sig) || ticketCode !== code) return reply(res, 400, { code: "TICKET_INVALID" });
  if (Number(exp) * 1000 < Date.now()) return reply(res, 410, { code: "TICKET_EXPIRED" });
  if (browser !== browserOf(req)) return reply(res, 403, { code: "TICKET_OTHER_BROWSER" });
  const device = mac(key, `device|${browser}`).toString("base64url");
  const inserted = await pool.query(
    `INSERT INTO attendances (sheet_id, student_number, name, method, device_hash)
     SELECT s.id, $2, $3, 'qr', $4 FROM sheets s WHERE s.id = $1 AND s.status = 'open'
     ON CONFLICT DO NOTHING RETURNING id, student_number, name, created_at`,
    [sheetId, number, cleanName, device],
  );
  if (inserted.rows[0]) return reply(res, 201, inserted.rows[0]);
  const existing = await pool.query(
    "SELECT id, student_number, name, created_at FROM attendances WHERE sheet_id = $1 AND student_number = $2",
    [sheetId, number],
  );
  return existing.rows[0] ? reply(res, 200, existing.rows[0]) : reply(res, 409, { code: "REFUSED" });
}

const server = http.createServer((req, res) => {
  const match = /^\/api\/checkin\/([A-Z0-9]{6})(\/tickets)?$/.exec(req.url ?? "");
  if (req.method !== "POST" || !match?.[1]) return reply(res, 404, { code: "NOT_FOUND" });
  const [, code, isTickets] = match;
  void readJson(req)
    .then((body) => {
      if (!body) return reply(res, 400, { code: "MALFORMED_JSON" });
      return isTickets ? tickets(code, body, req, res) : checkin(code, body, req, res);
    })
    .catch(() => reply(res, 503, { code: "SERVICE_UNAVAILABLE" }));
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3900), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => void pool.end()));
