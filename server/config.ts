/**
 * The service's configuration: every environment variable it reads, parsed and validated once.
 * A missing or malformed value stops the process at start-up with a message naming the variable.
 */
import os from "node:os";
import { z } from "zod";

const seconds = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? "is required" : "is malformed") };

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string(required).pipe(z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" })),
  AUTH_SECRET: z.string(required).min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)"),
  PUBLIC_ORIGIN: z
    .string(required)
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://presenca.example.org" }))
    .transform((u) => new URL(u).origin),
  INSTANCE_ID: z.string().min(1).max(64).default(`${os.hostname()}-${process.pid}`),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  DB_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  QR_WINDOW_SECONDS: seconds(10, 3, 120),
  TICKET_TTL_SECONDS: seconds(300, 30, 3600),
  STUDENT_NUMBER_PATTERN: z
    .string()
    .default("^[A-Z0-9]{1,20}$")
    .refine((p) => {
      try {
        new RegExp(p, "u");
        return true;
      } catch {
        return false;
      }
    }, "must be a valid regular expression"),
  /** Wrong typed digits allowed per sheet and per client address within DIGITS_WINDOW_SECONDS before typing pauses. */
  DIGITS_MAX_FAILURES_PER_SHEET: z.coerce.number().int().min(1).max(10_000).default(20),
  DIGITS_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(10),
  DIGITS_WINDOW_SECONDS: seconds(60, 5, 3600),
  DIGITS_PAUSE_SECONDS: seconds(60, 5, 3600),
  /** Unknown sheet codes allowed per client address within CODE_PROBES_WINDOW_SECONDS before look-ups from it pause. */
  CODE_PROBES_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(30),
  CODE_PROBES_WINDOW_SECONDS: seconds(60, 5, 3600),
  CODE_PROBES_PAUSE_SECONDS: seconds(120, 5, 3600),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(16_384),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Failures on one account from all addresses; past it only addresses that have not failed on it may try. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(20),
  LOGIN_WINDOW_SECONDS: seconds(900, 10, 86_400),
  LOGIN_LOCK_SECONDS: seconds(10, 1, 3600),
  /**
   * Registrations per client address and per e-mail domain: each may register this many at once, and
   * earns them back evenly over REGISTER_WINDOW_SECONDS (a token bucket in PostgreSQL). Generous per
   * address, because a campus behind one NAT address registers together.
   */
  REGISTER_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  REGISTER_MAX_PER_DOMAIN: z.coerce.number().int().min(1).max(1_000_000).default(50),
  REGISTER_WINDOW_SECONDS: seconds(3600, 60, 604_800),
  TRUST_PROXY: booleanFlag,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Extra origins (comma-separated) whose pages may call the API with a bearer token. */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "must be comma-separated http(s) origins" }).transform((u) => new URL(u).origin))),
  /**
   * Where the live hub's one listening connection goes (LISTEN needs a session of its own: not through a
   * transaction-mode pooler such as PgBouncer). Defaults to DATABASE_URL.
   */
  LIVE_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
  /** A live stream ends after this long (± 10 %) and the page reconnects: revoked credentials take effect. */
  LIVE_STREAM_SECONDS: seconds(300, 5, 3600),
  /** A comment line on every idle live stream this often, so proxies keep it open (nginx waits 75 s). */
  LIVE_HEARTBEAT_SECONDS: seconds(20, 1, 60),
  /** Largest roster file (CSV or XLSX) a teacher may upload. */
  ROSTER_FILE_MAX_BYTES: z.coerce.number().int().min(1024).max(20_971_520).default(5_242_880),
  /** The time zone of times in exports (CSV and XLSX), an IANA name. */
  TIME_ZONE: z
    .string()
    .default("Europe/Lisbon")
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/Lisbon"),
  /** Attendance of sheets opened longer ago than this many months is deleted; 0 keeps it forever. */
  RETENTION_MONTHS: z.coerce.number().int().min(0).max(600).default(0),
  /** How often each instance applies RETENTION_MONTHS (it also does once at start-up). */
  RETENTION_INTERVAL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  // The process entry (server/main.ts): where to listen and how to stop.
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  /**
   * Requests the production entry hands to Next (pages, most of the API) rendered at once; the others
   * wait their turn, and one whose client has left is dropped unrendered. Without a bound, a burst of
   * students' pages beyond what the CPU serves piled up renders until the instance ran out of memory.
   */
  NEXT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** Longer than the proxy's upstream keep-alive, so the proxy never reuses a connection we are closing. */
  KEEP_ALIVE_SECONDS: seconds(75, 1, 3600),
  /** On SIGTERM, keep serving this long while readiness fails (lets a load balancer notice first). */
  SHUTDOWN_DELAY_SECONDS: seconds(0, 0, 60),
  /** Upper bound for in-flight requests to finish after new connections stop being accepted. */
  SHUTDOWN_TIMEOUT_SECONDS: seconds(20, 1, 300),
});

export type Config = z.infer<typeof schema>;

function load(): Config {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration; fix these environment variables:\n${lines.join("\n")}`);
  }
  return Object.freeze(parsed.data);
}

let cached: Config | undefined;

/** The validated configuration (parsed on first use; instrumentation.ts forces that at start-up). */
export function config(): Config {
  cached ??= load();
  return cached;
}

export const isProduction = () => config().NODE_ENV === "production";
