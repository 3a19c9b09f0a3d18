import { updateProfileSchema } from "@/lib/validations/accounts";
import { AppError } from "@/server/errors";
import { json, route } from "@/server/http/route";
import { getTeacher, updateProfile } from "@/server/teachers";

/**
 * @openapi
 * /api/me:
 *   get:
 *     tags: [Accounts]
 *     operationId: getProfile
 *     summary: My profile
 *     security: [{ bearer: [] }, { session: [] }]
 *     responses:
 *       200:
 *         description: The signed-in teacher.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Teacher" }
 *       401: { $ref: "#/components/responses/Problem" }
 *   patch:
 *     tags: [Accounts]
 *     operationId: updateProfile
 *     summary: Edit my profile
 *     security: [{ bearer: [] }, { session: [] }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/ProfileChange" }
 *     responses:
 *       200:
 *         description: The updated profile.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Teacher" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/me", auth: true }, async ({ caller }) => {
  const teacher = await getTeacher(caller.teacherId);
  if (!teacher) throw new AppError("UNAUTHENTICATED");
  return json(teacher);
});

export const PATCH = route({ name: "/api/me", auth: true, body: updateProfileSchema }, async ({ caller, body }) =>
  json(await updateProfile(caller.teacherId, body)),
);
