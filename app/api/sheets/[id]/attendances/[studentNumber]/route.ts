import { removeAttendance } from "@/server/attendances";
import { json, route } from "@/server/http/route";
import { attendanceParams } from "@/server/student-input";

/**
 * @openapi
 * /api/sheets/{id}/attendances/{studentNumber}:
 *   delete:
 *     tags: [Attendances]
 *     operationId: removeAttendance
 *     summary: Remove a wrong entry (reversible)
 *     description: The entry is hidden from the list and exports, and the removal is recorded; `POST …/restore` undoes it.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/SheetId"
 *       - $ref: "#/components/parameters/StudentNumber"
 *     responses:
 *       200:
 *         description: The removed entry.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Attendance" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const DELETE = route(
  { name: "/api/sheets/{id}/attendances/{studentNumber}", auth: true, params: attendanceParams },
  async ({ caller, params }) => json(await removeAttendance(caller.teacherId, params.id, params.studentNumber)),
);
