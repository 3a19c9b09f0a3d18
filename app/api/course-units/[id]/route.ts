import { courseUnitParams, unitSettingsSchema } from "@/lib/validations/rosters";
import { requireTeam, updateUnitSettings } from "@/server/course-unit-team";
import { json, route } from "@/server/http/route";

/**
 * @openapi
 * /api/course-units/{id}:
 *   get:
 *     operationId: getCourseUnitTeamView
 *     tags: [Course units]
 *     summary: A course unit of my team, with its settings and my role
 *     description: Answers 404 to a teacher outside the unit's team, exactly as for a missing unit.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/CourseUnitId" }]
 *     responses:
 *       200:
 *         description: The unit.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/CourseUnitTeamView" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   patch:
 *     operationId: updateCourseUnitSettings
 *     tags: [Course units]
 *     summary: Change the unit's lateness default and minimum attendance rate
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/CourseUnitId" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/UnitSettings" }
 *     responses:
 *       200:
 *         description: The unit with its new settings.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/CourseUnitTeamView" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/course-units/{id}", auth: true, params: courseUnitParams }, async ({ caller, params }) =>
  json(await requireTeam(caller.teacherId, params.id)),
);

export const PATCH = route(
  { name: "/api/course-units/{id}", auth: true, params: courseUnitParams, body: unitSettingsSchema },
  async ({ caller, params, body }) => json(await updateUnitSettings(caller.teacherId, params.id, body)),
);
