import { z } from "zod";
import { uuidSchema } from "@/lib/validations/common";
import { revokeApiToken } from "@/server/auth/api-tokens";
import { route } from "@/server/http/route";
import { AppError } from "@/server/errors";

/**
 * @openapi
 * /api/tokens/{id}:
 *   delete:
 *     tags: [Accounts]
 *     operationId: revokeApiToken
 *     summary: Revoke an API token (log out)
 *     description: "`current` revokes the token that authenticates this request: the API's log-out."
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - name: id
 *         in: path
 *         required: true
 *         description: A token's id, or `current` for the token of this request.
 *         schema:
 *           anyOf:
 *             - { type: string, format: uuid }
 *             - { type: string, const: current }
 *     responses:
 *       204: { $ref: "#/components/responses/NoContent" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const DELETE = route(
  { name: "/api/tokens/{id}", auth: true, params: z.object({ id: z.union([z.literal("current"), uuidSchema]) }) },
  async ({ caller, params }) => {
    if (params.id === "current" && caller.via !== "token") {
      throw new AppError("VALIDATION_FAILED", {
        errors: [{ field: "path.id", code: "no_token", message: "`current` needs a request authenticated with a bearer token" }],
      });
    }
    const id = params.id === "current" && caller.via === "token" ? caller.tokenId : params.id;
    await revokeApiToken(caller.teacherId, id);
    return new Response(null, { status: 204 });
  },
);
