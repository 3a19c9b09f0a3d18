import { courseUnitParams, rosterQuerySchema } from "@/lib/validations/rosters";
import { json, route } from "@/server/http/route";
import { addRosterStudent, listRoster } from "@/server/roster";
import { rosterEntrySchema } from "@/server/student-input";

/**
 * @openapi
 * /api/course-units/{id}/roster:
 *   get:
 *     operationId: listRoster
 *     tags: [Rosters]
 *     summary: The unit's enrolled students, by number
 *     security: [{ bearer: [] }, { session: [] }]
 *     x-query: RosterQuery
 *     parameters:
 *       - $ref: "#/components/parameters/CourseUnitId"
 *     responses:
 *       200:
 *         description: The roster.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               required: [items]
 *               properties:
 *                 items: { type: array, items: { $ref: "#/components/schemas/RosterStudent" } }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   post:
 *     operationId: addRosterStudent
 *     tags: [Rosters]
 *     summary: Add one student to the roster
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/CourseUnitId" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/RosterEntry" }
 *     responses:
 *       201:
 *         description: Added.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/RosterStudent" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route(
  { name: "/api/course-units/{id}/roster", auth: true, params: courseUnitParams, query: rosterQuerySchema },
  async ({ caller, params, query }) => json(await listRoster(caller.teacherId, params.id, query.group || undefined)),
);

export const POST = route(
  { name: "/api/course-units/{id}/roster", auth: true, params: courseUnitParams, body: rosterEntrySchema },
  async ({ caller, params, body }) => json(await addRosterStudent(caller.teacherId, params.id, body), 201),
);
