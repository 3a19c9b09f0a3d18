import { registerSchema } from "@/lib/validations/accounts";
import { clientAddress } from "@/server/http/client-address";
import { json, route } from "@/server/http/route";
import { registerTeacher } from "@/server/teachers";

/**
 * @openapi
 * /api/accounts:
 *   post:
 *     tags: [Accounts]
 *     operationId: registerTeacher
 *     summary: Register a teacher account
 *     description: >
 *       Throttled per client address and per e-mail domain, shared by all instances: each may register
 *       REGISTER_MAX_PER_ADDRESS (default 20) or REGISTER_MAX_PER_DOMAIN (default 50) accounts at once,
 *       earned back evenly over REGISTER_WINDOW_SECONDS (default one hour). Past that, 429
 *       TOO_MANY_REGISTRATIONS with Retry-After. Attempts on a taken e-mail count too.
 *     security: []
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/NewAccount" }
 *     responses:
 *       201:
 *         description: The account was created.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Teacher" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 *       429: { $ref: "#/components/responses/Problem" }
 */
export const POST = route({ name: "/api/accounts", auth: false, body: registerSchema }, async ({ body, request }) =>
  json(await registerTeacher(body, clientAddress(request.headers)), 201),
);
