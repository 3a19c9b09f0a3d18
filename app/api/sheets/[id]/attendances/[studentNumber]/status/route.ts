import { json, route } from "@/server/http/route";
import { setAttendanceStatus } from "@/server/statuses";
import { attendanceParams, statusChangeSchema } from "@/server/student-input";

/**
 * @openapi
 * /api/sheets/{id}/attendances/{studentNumber}/status:
 *   put:
 *     operationId: setAttendanceStatus
 *     tags: [Attendances]
 *     summary: Set an entry's status (present, late, excused, absent) with an optional note
 *     description: >
 *       A roster student without an entry (an absentee) gets one with this status, e.g. `excused` with a
 *       note. A removed entry comes back with the status.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/SheetId"
 *       - $ref: "#/components/parameters/StudentNumber"
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/StatusChange" }
 *     responses:
 *       200:
 *         description: The entry with its status.
 *         content:
 *           application/json:
 *             schema:
 *               allOf:
 *                 - $ref: "#/components/schemas/Attendance"
 *                 - type: object
 *                   required: [status, statusNote]
 *                   properties:
 *                     status: { $ref: "#/components/schemas/Status" }
 *                     statusNote: { type: [string, "null"] }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const PUT = route(
  { name: "/api/sheets/{id}/attendances/{studentNumber}/status", auth: true, params: attendanceParams, body: statusChangeSchema },
  async ({ caller, params, body }) => json(await setAttendanceStatus(caller.teacherId, params.id, params.studentNumber, body)),
);
