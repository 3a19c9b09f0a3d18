import { route } from "@/server/http/route";
import { confirmAttendance } from "@/server/presence/sheet-presence";
import { attendanceParams } from "@/server/student-input";

/**
 * @openapi
 * /api/sheets/{id}/attendances/{studentNumber}/confirm:
 *   post:
 *     operationId: confirmAttendance
 *     tags: [Attendances]
 *     summary: Keep an entry the presence signals put up for review
 *     description: >
 *       The teacher looked at the entry's flags and keeps it: it is no longer `review` (its flags stay).
 *       Confirming twice keeps the first confirmation.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/SheetId"
 *       - $ref: "#/components/parameters/StudentNumber"
 *     responses:
 *       204: { description: Confirmed. }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const POST = route(
  { name: "/api/sheets/{id}/attendances/{studentNumber}/confirm", auth: true, params: attendanceParams },
  async ({ caller, params }) => {
    await confirmAttendance(caller.teacherId, params.id, params.studentNumber);
    return new Response(null, { status: 204 });
  },
);
