import { changePasswordSchema } from "@/lib/validations/accounts";
import { freshSessionCookie } from "@/server/auth/browser-sessions";
import { clientAddress } from "@/server/http/client-address";
import { route } from "@/server/http/route";
import { changePassword } from "@/server/teachers";

/**
 * @openapi
 * /api/me/password:
 *   put:
 *     tags: [Accounts]
 *     operationId: changePassword
 *     summary: Change my password
 *     description: >
 *       Ends every browser session signed in before the change, on every instance. Called from a browser
 *       session, the answer sets a fresh session cookie, so that browser stays signed in. API tokens stay
 *       valid unless `revokeTokens` is true, which revokes them all (a token may be what leaked; one
 *       at a time: DELETE /api/tokens/{id}). A wrong current password answers 403 WRONG_PASSWORD with a
 *       field error on `currentPassword`; repeated failures 429 TOO_MANY_ATTEMPTS, as logins.
 *     security: [{ bearer: [] }, { session: [] }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/PasswordChange" }
 *     responses:
 *       204: { $ref: "#/components/responses/NoContent" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       429: { $ref: "#/components/responses/Problem" }
 */
export const PUT = route({ name: "/api/me/password", auth: true, body: changePasswordSchema }, async ({ caller, body, request }) => {
  const teacher = await changePassword(caller.teacherId, body, clientAddress(request.headers));
  return new Response(null, { status: 204, headers: caller.via === "session" ? { "set-cookie": await freshSessionCookie(teacher) } : {} });
});
