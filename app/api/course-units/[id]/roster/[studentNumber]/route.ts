import { json, route } from "@/server/http/route";
import { editRosterStudent, removeRosterStudent } from "@/server/roster";
import { rosterEditSchema, rosterStudentParams } from "@/server/student-input";

/**
 * @openapi
 * /api/course-units/{id}/roster/{studentNumber}:
 *   patch:
 *     operationId: editRosterStudent
 *     tags: [Rosters]
 *     summary: Edit a roster student's name, e-mail or group
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/CourseUnitId"
 *       - $ref: "#/components/parameters/StudentNumber"
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/RosterEdit" }
 *     responses:
 *       200:
 *         description: The updated student.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/RosterStudent" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   delete:
 *     operationId: removeRosterStudent
 *     tags: [Rosters]
 *     summary: Remove a student from the roster (their attendance entries stay)
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/CourseUnitId"
 *       - $ref: "#/components/parameters/StudentNumber"
 *     responses:
 *       204: { $ref: "#/components/responses/NoContent" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const PATCH = route(
  { name: "/api/course-units/{id}/roster/{studentNumber}", auth: true, params: rosterStudentParams, body: rosterEditSchema },
  async ({ caller, params, body }) => json(await editRosterStudent(caller.teacherId, params.id, params.studentNumber, body)),
);

export const DELETE = route(
  { name: "/api/course-units/{id}/roster/{studentNumber}", auth: true, params: rosterStudentParams },
  async ({ caller, params }) => {
    await removeRosterStudent(caller.teacherId, params.id, params.studentNumber);
    return new Response(null, { status: 204 });
  },
);
