/** Prometheus metrics of this instance, exposed by /api/metrics (refused from outside by nginx). */
import client from "prom-client";

const globalForMetrics = globalThis as unknown as { presencaMetrics?: ReturnType<typeof create> };

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new client.Counter({
      name: "presenca_http_requests_total",
      help: "API requests by route, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    duration: new client.Histogram({
      name: "presenca_http_request_duration_seconds",
      help: "API request latency by route and method.",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    codeProbes: new client.Counter({
      name: "presenca_code_probes_total",
      help: "Look-ups of sheet codes that do not exist, by outcome: not_found (answered 404) or paused (answered 429).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    checkins: new client.Counter({
      name: "presenca_checkins_total",
      help: "Student check-ins by outcome: created, repeated, or the refusal code.",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
  };
}

export const metrics = () => (globalForMetrics.presencaMetrics ??= create());

export function observeRequest(route: string, method: string, status: number, durationMs: number): void {
  const m = metrics();
  m.requests.inc({ route, method, status: String(status) });
  m.duration.observe({ route, method }, durationMs / 1000);
}

export function observeCodeProbe(outcome: "not_found" | "paused"): void {
  metrics().codeProbes.inc({ outcome });
}

export function observeCheckin(outcome: string): void {
  metrics().checkins.inc({ outcome });
}
