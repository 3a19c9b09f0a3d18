import { metrics } from "@/server/metrics";
import { pool } from "@/server/db";

/** Prometheus metrics of this instance; nginx refuses this path from outside the deployment. */
export async function GET(): Promise<Response> {
  const { registry } = metrics();
  const p = pool();
  const gauges = [
    "# HELP presenca_db_pool_connections Database pool connections by state.",
    "# TYPE presenca_db_pool_connections gauge",
    `presenca_db_pool_connections{state="total"} ${p.totalCount}`,
    `presenca_db_pool_connections{state="idle"} ${p.idleCount}`,
    `presenca_db_pool_connections{state="waiting"} ${p.waitingCount}`,
  ].join("\n");
  return new Response(`${await registry.metrics()}\n${gauges}\n`, {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}

export const dynamic = "force-dynamic";
