import { randomUUID } from "node:crypto";
import { metrics } from "@/server/metrics";
import { pool } from "@/server/pool";
import { AppError } from "@/server/errors";
import { problemResponse } from "@/server/http/problem";

/**
 * Prometheus metrics of this instance, for scrapers inside the deployment. A request that came through
 * the front proxy (nginx and ingress-nginx both set X-Real-IP) is refused here too, so no proxy
 * configuration can expose it by mistake.
 */
export async function GET(request: Request): Promise<Response> {
  if (request.headers.has("x-real-ip")) {
    return problemResponse(new AppError("FORBIDDEN", { detail: "Metrics are only served inside the deployment." }), {
      requestId: randomUUID(),
      acceptLanguage: request.headers.get("accept-language"),
    });
  }
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
