import { restoreAttendance } from "@/server/attendances";
import { json, route } from "@/server/http/route";
import { attendanceParams } from "@/server/student-input";

/**
 * @openapi
 * /api/sheets/{id}/attendances/{studentNumber}/restore:
 *   post:
 *     tags: [Attendances]
 *     operationId: restoreAttendance
 *     summary: Undo the removal of an entry
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/SheetId"
 *       - $ref: "#/components/parameters/StudentNumber"
 *     responses:
 *       200:
 *         description: The restored entry.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Attendance" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const POST = route(
  { name: "/api/sheets/{id}/attendances/{studentNumber}/restore", auth: true, params: attendanceParams },
  async ({ caller, params }) => json(await restoreAttendance(caller.teacherId, params.id, params.studentNumber)),
);
