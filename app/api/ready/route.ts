import { readiness } from "@/server/health";
import { json, route } from "@/server/http/route";

/**
 * @openapi
 * /api/ready:
 *   get:
 *     tags: [Operations]
 *     operationId: getReadiness
 *     summary: Readiness (database reachable, schema current)
 *     security: []
 *     responses:
 *       200:
 *         description: Ready to serve.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Readiness" }
 *       503:
 *         description: Not ready (shutting down, database unreachable, migrations pending); `checks` says which.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Readiness" }
 */
export const GET = route({ name: "/api/ready", auth: false }, async () => {
  const result = await readiness();
  return json(result, result.ready ? 200 : 503);
});

export const dynamic = "force-dynamic";
