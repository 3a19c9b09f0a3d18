/** Liveness and readiness: is the process up, and can it serve (database reachable, schema current)? */
import fs from "node:fs";
import path from "node:path";
import { config } from "./config";
import { pool } from "./pool";
import { isDraining } from "./lifecycle";

export function liveness() {
  return { status: "ok", instance: config().INSTANCE_ID, uptimeSeconds: Math.round(process.uptime()) };
}

let expectedMigrations: string[] | undefined;

/** Migration folders shipped with this build: the schema it expects. */
function shippedMigrations(): string[] {
  if (!expectedMigrations) {
    const dir = path.join(process.cwd(), "prisma", "migrations");
    expectedMigrations = fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
          .sort()
      : [];
  }
  return expectedMigrations;
}

export async function readiness(): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const checks: Record<string, string> = {};
  // A shutting-down instance still answers, but load balancers should stop sending it new work.
  if (isDraining()) checks.lifecycle = "shutting down";
  try {
    const { rows } = await pool().query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    checks.database = "ok";
    const applied = new Set(rows.map((r) => r.migration_name));
    const missing = shippedMigrations().filter((m) => !applied.has(m));
    checks.schema = missing.length === 0 ? "ok" : `pending migrations: ${missing.join(", ")}`;
  } catch {
    checks.database = "unreachable";
  }
  return { ready: Object.values(checks).every((v) => v === "ok"), checks };
}
