import { memberParams } from "@/lib/validations/rosters";
import { removeCoTeacher } from "@/server/course-unit-team";
import { route } from "@/server/http/route";

/**
 * @openapi
 * /api/course-units/{id}/teachers/{teacherId}:
 *   delete:
 *     operationId: removeCourseUnitTeacher
 *     tags: [Course units]
 *     summary: Remove a co-teacher (the owner), or leave the team (a co-teacher removing themself)
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/CourseUnitId"
 *       - { name: teacherId, in: path, required: true, schema: { type: string, format: uuid } }
 *     responses:
 *       204: { $ref: "#/components/responses/NoContent" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const DELETE = route(
  { name: "/api/course-units/{id}/teachers/{teacherId}", auth: true, params: memberParams },
  async ({ caller, params }) => {
    await removeCoTeacher(caller.teacherId, params.id, params.teacherId);
    return new Response(null, { status: 204 });
  },
);
