import { liveness } from "@/server/health";
import { json, route } from "@/server/http/route";

/**
 * @openapi
 * /api/health:
 *   get:
 *     tags: [Operations]
 *     operationId: getHealth
 *     summary: Liveness (the process is up)
 *     security: []
 *     responses:
 *       200:
 *         description: Up.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 status: { type: string, example: ok }
 *                 instance: { type: string }
 *                 uptimeSeconds: { type: integer }
 */
export const GET = route({ name: "/api/health", auth: false }, async () => json(liveness()));

export const dynamic = "force-dynamic";
