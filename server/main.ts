/**
 * The production entry point: `node main.js` in the standalone folder (postbuild bundles this file there).
 *
 * It also serves the student's two check-in requests itself (http/direct.ts), without Next's router.
 *
 * Next's own standalone server.js, on SIGTERM, closes its listener, waits for open connections with no
 * upper bound and exits without closing the database pool. This entry serves the same Next request
 * handler (Next's documented custom-server API) from an HTTP server it owns, so a shutdown drains:
 * readiness fails and live streams are told to end; after SHUTDOWN_DELAY_SECONDS new connections are
 * refused and connections that have sent nothing are closed; in-flight requests finish, each answered
 * with `Connection: close`; connections still open after SHUTDOWN_TIMEOUT_SECONDS are cut; then the
 * pool closes and the process exits.
 */
import fs from "node:fs";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import pLimit from "p-limit";
import { setTimeout as sleep } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import { config, type Config } from "./config";
import { AppError } from "./errors";
import { pinClientAddress } from "./http/client-address";
import { directRoutes } from "./http/direct";
import { answerOutagesWith503, failureAnswer } from "./http/outage-answer";
import { problemResponse } from "./http/problem";
import { beginDrain, isDraining, runClosers, shutdownSignal } from "./lifecycle";
import { scheduleRetention } from "./retention";
import { log } from "./log";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
type NextApp = { prepare(): Promise<void>; getRequestHandler(): Handler; close(): Promise<void> };

const EX_CONFIG = 78;

function loadConfig(): Config {
  try {
    return config();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(EX_CONFIG);
  }
}

/** The configuration `next build` wrote beside the server, handed to Next the way server.js does. */
function adoptStandaloneNextConfig(dir: string): void {
  const file = path.join(dir, ".next", "required-server-files.json");
  const { config: nextConfig } = JSON.parse(fs.readFileSync(file, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(nextConfig);
}

/** Ends a kept-alive connection after its current response, telling the client (nginx) not to reuse it. */
function closeAfterResponse(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (!res.headersSent) res.setHeader("connection", "close");
  else res.once("finish", () => req.socket.end());
}

/** Next answers a dynamic segment with malformed percent-encoding (`/api/sheets/%zz`) with a bare 500. */
function malformedPath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? "/").split("?")[0] ?? "/");
    return false;
  } catch {
    return true;
  }
}

async function refuseMalformedPath(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const error = new AppError("VALIDATION_FAILED", { detail: "The request path is not valid percent-encoding." });
  const answer = problemResponse(error, { requestId: randomUUID(), acceptLanguage: req.headers["accept-language"] ?? null });
  res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
}

/**
 * Next's handler, rendering at most NEXT_CONCURRENCY requests at a time (config.ts says why), with its
 * 500s turned into 503s while the database cannot be reached. A place is held until Next has settled and
 * the response has closed: Next settles before a streamed page is written, and a client that leaves does
 * not stop Next's work. A request whose client left while it waited is never handed to Next.
 */
function viaNext(handler: Handler, concurrency: number): Handler {
  const limit = pLimit(concurrency);
  return (req, res) =>
    limit(async () => {
      if (req.readableAborted || res.destroyed || req.socket.destroyed) return;
      const closed = new Promise<void>((resolve) => res.once("close", () => resolve()));
      answerOutagesWith503(req, res);
      await Promise.all([handler(req, res), closed]);
    });
}

/** The server, and what closes its connections that have not sent a byte. */
type Listening = { server: http.Server; closeSilentConnections: () => void };

function listen(handler: Handler, direct: (req: http.IncomingMessage) => Handler | undefined, cfg: Config): Promise<Listening> {
  const inFlight = new Map<http.ServerResponse, http.IncomingMessage>();
  shutdownSignal().addEventListener("abort", () => inFlight.forEach((req, res) => closeAfterResponse(req, res)));
  const server = http.createServer((req, res) => {
    inFlight.set(res, req);
    res.once("close", () => inFlight.delete(res));
    if (isDraining()) closeAfterResponse(req, res);
    if (!cfg.TRUST_PROXY) pinClientAddress(req.headers, req.socket.remoteAddress);
    const handle = malformedPath(req.url) ? refuseMalformedPath : (direct(req) ?? handler);
    handle(req, res).catch((err: unknown) => {
      log("error", "unhandled request failure", { url: req.url, err });
      if (res.headersSent) return void res.destroy();
      const answer = failureAnswer(err, req);
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  server.keepAliveTimeout = cfg.KEEP_ALIVE_SECONDS * 1000;
  server.headersTimeout = server.keepAliveTimeout + 5000;
  // Node's close() ends idle keep-alive connections but counts one that has not sent its first request
  // yet (a browser's pre-connection, a client's spare) as busy: the drain would wait for it until
  // SHUTDOWN_TIMEOUT_SECONDS. Such a connection has nothing to lose.
  const connections = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  const closeSilentConnections = () => {
    for (const socket of connections) if (socket.bytesRead === 0) socket.destroy();
  };
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(cfg.PORT, cfg.HOSTNAME, () => resolve({ server, closeSilentConnections }));
  });
}

function withDeadline(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([work, sleep(ms, undefined, { ref: false })]);
}

async function shutdown({ server, closeSilentConnections }: Listening, app: NextApp, cfg: Config, signal: string): Promise<void> {
  const started = performance.now();
  log("info", "shutdown started", { signal });
  beginDrain();
  if (cfg.SHUTDOWN_DELAY_SECONDS > 0) await sleep(cfg.SHUTDOWN_DELAY_SECONDS * 1000);

  const timeoutMs = cfg.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  closeSilentConnections();
  const cut = setTimeout(() => {
    log("warn", "shutdown timeout: closing the remaining connections");
    server.closeAllConnections();
  }, timeoutMs);
  await closed;
  clearTimeout(cut);

  // Work scheduled with after() and the pool get a short, bounded time of their own.
  await withDeadline(app.close(), 5000);
  const failures = await withDeadline(runClosers(), 5000);
  if (Array.isArray(failures)) failures.forEach((err) => log("error", "closing failed", { err }));
  log("info", "shutdown complete", { signal, durationMs: Math.round(performance.now() - started) });
  process.exit(0);
}

async function main(): Promise<void> {
  // As Next's server.js does: this entry only ever serves a production build.
  Object.assign(process.env, { NODE_ENV: "production" });
  const cfg = loadConfig();
  const dir = __dirname;
  process.chdir(dir);
  adoptStandaloneNextConfig(dir);

  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname: cfg.HOSTNAME, port: cfg.PORT, webpack: true }) as unknown as NextApp;
  await app.prepare();
  const origin = `http://${cfg.HOSTNAME === "0.0.0.0" ? "localhost" : cfg.HOSTNAME}:${cfg.PORT}`;
  const handler = viaNext(app.getRequestHandler(), cfg.NEXT_CONCURRENCY);
  const listening = await listen(handler, directRoutes(dir, origin, handler), cfg);
  // Next reads this for server actions, as its own server sets it.
  process.env.__NEXT_PRIVATE_ORIGIN = origin;
  log("info", "listening", { address: `${cfg.HOSTNAME}:${cfg.PORT}`, pid: process.pid });
  scheduleRetention();

  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      shutdown(listening, app, cfg, signal).catch((err: unknown) => {
        log("error", "shutdown failed", { err });
        process.exit(1);
      });
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
