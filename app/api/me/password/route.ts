import { changePasswordSchema } from "@/lib/validations/accounts";
import { clientAddress } from "@/server/http/client-address";
import { route } from "@/server/http/route";
import { changePassword } from "@/server/teachers";

/**
 * @openapi
 * /api/me/password:
 *   put:
 *     tags: [Accounts]
 *     summary: Change my password
 *     security: [{ bearer: [] }, { session: [] }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema:
 *             type: object
 *             additionalProperties: false
 *             required: [currentPassword, newPassword]
 *             properties:
 *               currentPassword: { type: string }
 *               newPassword: { type: string, minLength: 10, maxLength: 200 }
 *     responses:
 *       204: { $ref: "#/components/responses/NoContent" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       429: { $ref: "#/components/responses/Problem" }
 */
export const PUT = route({ name: "/api/me/password", auth: true, body: changePasswordSchema }, async ({ caller, body, request }) => {
  await changePassword(caller.teacherId, body.currentPassword, body.newPassword, clientAddress(request.headers));
  return new Response(null, { status: 204 });
});
