import { json, route } from "@/server/http/route";
import { correctStudentNumber } from "@/server/sheet-roster";
import { attendanceParams, correctionSchema } from "@/server/student-input";

/**
 * @openapi
 * /api/sheets/{id}/attendances/{studentNumber}/correction:
 *   post:
 *     operationId: correctStudentNumber
 *     tags: [Attendances]
 *     summary: Correct an entry's mistyped student number (e.g. to a "did you mean" suggestion)
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/SheetId"
 *       - $ref: "#/components/parameters/StudentNumber"
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/AttendanceCorrection" }
 *     responses:
 *       200:
 *         description: The corrected entry.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Attendance" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const POST = route(
  { name: "/api/sheets/{id}/attendances/{studentNumber}/correction", auth: true, params: attendanceParams, body: correctionSchema },
  async ({ caller, params, body }) =>
    json(await correctStudentNumber(caller.teacherId, params.id, params.studentNumber, body.studentNumber)),
);
