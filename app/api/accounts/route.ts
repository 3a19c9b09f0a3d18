import { registerSchema } from "@/lib/validations/accounts";
import { json, route } from "@/server/http/route";
import { registerTeacher } from "@/server/teachers";

/**
 * @openapi
 * /api/accounts:
 *   post:
 *     tags: [Accounts]
 *     operationId: registerTeacher
 *     summary: Register a teacher account
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
 */
export const POST = route({ name: "/api/accounts", auth: false, body: registerSchema }, async ({ body }) =>
  json(await registerTeacher(body), 201),
);
