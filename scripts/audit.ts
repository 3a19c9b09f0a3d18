/**
 * `npm run audit`: Lighthouse (mobile: emulated phone, simulated slow 4G and CPU) on the student's
 * check-in page and the teacher's sheet page, against the production build behind a gzip proxy, and
 * the JavaScript the check-in page downloads (gzip). Prints the figures; asserts nothing.
 * Uses DATABASE_URL's server when set (a database made for the run and dropped), else an embedded
 * PostgreSQL. `npm run audit` builds first when the build is missing or out of date.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer } from "./lib/app-server";
import { createDatabase, migrateAndSeed, startEmbedded } from "./lib/database";
import { startGzipProxy } from "./lib/gzip-proxy";
import { cleanup, freePort, onCleanup, run } from "./lib/processes";

const PASSWORD = "audit password 1234";
const categories = ["performance", "accessibility", "best-practices", "seo"] as const;

type Json = Record<string, unknown>;

async function api<T = Json>(origin: string, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${origin}${url}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A browser session cookie, obtained the way the login form does (next-auth's credentials flow). */
async function sessionCookie(origin: string, email: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const login = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = login.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed: ${login.status}`);
  return session.split(";")[0] ?? "";
}

type Audit = { score: number | null; scoreDisplayMode: string; displayValue?: string; details?: unknown };
type Report = {
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, Audit | undefined>;
  environment?: { benchmarkIndex?: number };
};

/** Lighthouse's own CLI under plain Node (its page-side functions must not pass through tsx). */
async function audit(workDir: string, url: string, cookie?: string) {
  const output = path.join(workDir, `lighthouse-${Date.now()}.json`);
  await run(
    "npx",
    [
      "lighthouse",
      url,
      "--quiet",
      "--output=json",
      `--output-path=${output}`,
      `--only-categories=${categories.join(",")}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking",
      ...(cookie ? [`--extra-headers=${JSON.stringify({ cookie })}`] : []),
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" } },
  );
  const lhr = JSON.parse(fs.readFileSync(output, "utf8")) as Report;
  const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
  const requests = ((lhr.audits["network-requests"]?.details as { items?: Json[] } | undefined)?.items ?? []) as {
    resourceType?: string;
    transferSize?: number;
    resourceSize?: number;
  }[];
  const scripts = requests.filter((r) => r.resourceType === "Script");
  const metric = (id: string) => lhr.audits[id]?.displayValue ?? "?";
  return {
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    scores,
    metrics: {
      FCP: metric("first-contentful-paint"),
      LCP: metric("largest-contentful-paint"),
      TBT: metric("total-blocking-time"),
      CLS: metric("cumulative-layout-shift"),
    },
    js: {
      files: scripts.length,
      gzipKiB: scripts.reduce((n, r) => n + (r.transferSize ?? 0), 0) / 1024,
      rawKiB: scripts.reduce((n, r) => n + (r.resourceSize ?? 0), 0) / 1024,
    },
    failing: Object.entries(lhr.audits)
      .filter(([, a]) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
      .map(([id]) => id),
  };
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-audit-"));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const db = process.env.DATABASE_URL
    ? await createDatabase(process.env.DATABASE_URL, `presenca_audit_${process.pid}`)
    : await startEmbedded(path.join(workDir, "pglite"));
  await migrateAndSeed(db.url);

  const [appPort, proxyPort] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${proxyPort}`;
  await startAppServer(
    // Long QR windows: the token must still be valid when Lighthouse's browser has started and loads the page.
    {
      DATABASE_URL: db.url,
      AUTH_SECRET: randomBytes(48).toString("base64url"),
      PUBLIC_ORIGIN: origin,
      LOG_LEVEL: "warn",
      QR_WINDOW_SECONDS: "120",
    },
    appPort,
    { logFile: path.join(workDir, "app.log") },
  );
  await startGzipProxy(proxyPort, appPort);

  const email = `audit-${process.pid}@example.org`;
  await api(origin, "POST", "/api/accounts", { email, name: "Audit Teacher", password: PASSWORD });
  const { token } = await api<{ token: string }>(origin, "POST", "/api/tokens", { email, password: PASSWORD });
  const units = await api<{ items: { id: string }[] }>(origin, "GET", "/api/course-units", undefined, token);
  const sheet = await api<{ id: string }>(
    origin,
    "POST",
    "/api/sheets",
    { courseUnitId: units.items[0]?.id, summary: "Lighthouse" },
    token,
  );
  for (let i = 1; i <= 40; i++) {
    await api(
      origin,
      "POST",
      `/api/sheets/${sheet.id}/attendances`,
      { studentNumber: `UP2023${String(i).padStart(5, "0")}`, name: `Student ${i}` },
      token,
    );
  }
  const cookie = await sessionCookie(origin, email);

  // A fresh QR token right before the visit: the page exchanges it at once, as after a real scan.
  const qr = await api<{ url: string }>(origin, "GET", `/api/sheets/${sheet.id}/qr`, undefined, token);
  const checkin = await audit(workDir, qr.url);
  const sheetPage = await audit(workDir, `${origin}/sheets/${sheet.id}`, cookie);

  const row = (name: string, r: Awaited<ReturnType<typeof audit>>) =>
    `${name.padEnd(22)} ${categories.map((c) => String(r.scores[c]).padStart(14)).join("")}   ${r.metrics.FCP} / ${r.metrics.LCP} / ${r.metrics.TBT} / ${r.metrics.CLS}`;
  console.log(`\nLighthouse 12 (mobile, simulated throttling) on the production build behind gzip:`);
  console.log(`${"page".padEnd(22)} ${categories.map((c) => c.padStart(14)).join("")}   FCP / LCP / TBT / CLS`);
  console.log(row("student check-in", checkin));
  console.log(row("teacher sheet", sheetPage));
  console.log(
    `\nCheck-in page JavaScript: ${checkin.js.gzipKiB.toFixed(1)} KiB gzip (${checkin.js.rawKiB.toFixed(1)} KiB uncompressed) in ${checkin.js.files} files`,
  );
  console.log(`Teacher sheet page JavaScript: ${sheetPage.js.gzipKiB.toFixed(1)} KiB gzip in ${sheetPage.js.files} files`);
  // Lighthouse multiplies this machine's main-thread time by 4: a busy or slow host inflates TBT.
  console.log(
    `Host CPU benchmark index: ${checkin.benchmarkIndex ?? "?"} (Lighthouse calibrates for about 1000+); load average ${os.loadavg()[0]?.toFixed(1)}`,
  );
  for (const [name, r] of [
    ["check-in", checkin],
    ["sheet", sheetPage],
  ] as const) {
    if (r.failing.length) console.log(`Audits under 90 on the ${name} page: ${r.failing.join(", ")}`);
  }
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(cleanup);
