import { readiness } from "@/server/health";
import { json, route } from "@/server/http/route";

/**
 * @openapi
 * /api/ready:
 *   get:
 *     tags: [Operations]
 *     summary: Readiness (database reachable, schema current)
 *     responses:
 *       200:
 *         description: Ready to serve.
 *       503:
 *         description: Not ready; `checks` says what is wrong.
 */
export const GET = route({ name: "/api/ready", auth: false }, async () => {
  const result = await readiness();
  return json(result, result.ready ? 200 : 503);
});

export const dynamic = "force-dynamic";
