import { createTokenSchema } from "@/lib/validations/accounts";
import { createApiToken, listApiTokens } from "@/server/auth/api-tokens";
import { clientAddress } from "@/server/http/client-address";
import { json, route } from "@/server/http/route";
import { authenticateTeacher } from "@/server/teachers";

/**
 * @openapi
 * /api/tokens:
 *   post:
 *     tags: [Accounts]
 *     operationId: createApiToken
 *     summary: Create a personal API token (log in for API consumers)
 *     security: []
 *     description: >
 *       Exchanges e-mail and password for a bearer token. The token is shown only in this response;
 *       only a hash of it is stored. Repeated failures for one account or address are slowed down (429).
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/NewToken" }
 *     responses:
 *       201:
 *         description: The new token.
 *         content:
 *           application/json:
 *             schema:
 *               allOf:
 *                 - $ref: "#/components/schemas/ApiToken"
 *                 - type: object
 *                   properties:
 *                     token: { type: string, example: "prs_3q2…" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       429: { $ref: "#/components/responses/Problem" }
 *   get:
 *     tags: [Accounts]
 *     operationId: listApiTokens
 *     summary: List my active API tokens
 *     security: [{ bearer: [] }, { session: [] }]
 *     responses:
 *       200:
 *         description: Active tokens, newest first (never the tokens themselves).
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 items: { type: array, items: { $ref: "#/components/schemas/ApiToken" } }
 *                 nextCursor: { type: "null" }
 *       401: { $ref: "#/components/responses/Problem" }
 */
export const POST = route({ name: "/api/tokens", auth: false, body: createTokenSchema }, async ({ body, request }) => {
  const teacher = await authenticateTeacher(body, clientAddress(request.headers));
  return json(await createApiToken(teacher.id, body.label), 201);
});

export const GET = route({ name: "/api/tokens", auth: true }, async ({ caller }) =>
  json({ items: await listApiTokens(caller.teacherId), nextCursor: null }),
);
