import { updateProfileSchema } from "@/lib/validations/accounts";
import { AppError } from "@/server/errors";
import { clientAddress } from "@/server/http/client-address";
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
 *     description: >
 *       Changing the sign-in e-mail needs the current password (`currentPassword`), checked first: a
 *       missing one answers 400 and a wrong one 403 WRONG_PASSWORD, both with a field error on
 *       `currentPassword`, whether or not the new e-mail has an account. Failures count towards the
 *       login throttle (429 TOO_MANY_ATTEMPTS with Retry-After). Only with the right password does a
 *       taken e-mail answer 409 EMAIL_TAKEN, as registration does. A name alone needs no password.
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
 *       403: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 *       429: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/me", auth: true }, async ({ caller }) => {
  const teacher = await getTeacher(caller.teacherId);
  if (!teacher) throw new AppError("UNAUTHENTICATED");
  return json(teacher);
});

export const PATCH = route({ name: "/api/me", auth: true, body: updateProfileSchema }, async ({ caller, body, request }) =>
  json(await updateProfile(caller.teacherId, body, clientAddress(request.headers))),
);
