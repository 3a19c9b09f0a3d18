import { addMemberSchema, courseUnitParams } from "@/lib/validations/rosters";
import { addCoTeacher, listTeam } from "@/server/course-unit-team";
import { json, route } from "@/server/http/route";

/**
 * @openapi
 * /api/course-units/{id}/teachers:
 *   get:
 *     operationId: listCourseUnitTeachers
 *     tags: [Course units]
 *     summary: The unit's teachers (owner first, then co-teachers)
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/CourseUnitId" }]
 *     responses:
 *       200:
 *         description: The team.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               required: [items]
 *               properties:
 *                 items: { type: array, items: { $ref: "#/components/schemas/TeamMember" } }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   post:
 *     operationId: addCourseUnitTeacher
 *     tags: [Course units]
 *     summary: Invite a co-teacher (an existing account) by e-mail — owner only
 *     description: Co-teachers share the unit's roster, sheets and report. Adding a member again returns 200.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/CourseUnitId" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/NewMember" }
 *     responses:
 *       201:
 *         description: Added.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/TeamMember" }
 *       200:
 *         description: Already a member.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/TeamMember" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/course-units/{id}/teachers", auth: true, params: courseUnitParams }, async ({ caller, params }) =>
  json(await listTeam(caller.teacherId, params.id)),
);

export const POST = route(
  { name: "/api/course-units/{id}/teachers", auth: true, params: courseUnitParams, body: addMemberSchema },
  async ({ caller, params, body }) => {
    const { teacher, created } = await addCoTeacher(caller.teacherId, params.id, body.email);
    return json(teacher, created ? 201 : 200);
  },
);
