import { courseUnitParams, importQuerySchema } from "@/lib/validations/rosters";
import { config } from "@/server/config";
import { readLimitedBytes } from "@/server/http/body";
import { json, route } from "@/server/http/route";
import { previewRosterImport } from "@/server/roster";

/**
 * @openapi
 * /api/course-units/{id}/roster/preview:
 *   post:
 *     operationId: previewRosterImport
 *     tags: [Rosters]
 *     summary: What importing a roster file would do (changes nothing)
 *     description: >
 *       The body is the file itself: CSV (UTF-8; `,`, `;` or tab separated) or XLSX (first worksheet),
 *       with a header row naming a student number column (número, number) and a name column (nome, name),
 *       optionally e-mail and group (turma). At most `ROSTER_FILE_MAX_BYTES` (5 MB by default).
 *     security: [{ bearer: [] }, { session: [] }]
 *     x-query: ImportQuery
 *     parameters:
 *       - $ref: "#/components/parameters/CourseUnitId"
 *     requestBody:
 *       required: true
 *       content:
 *         text/csv:
 *           schema: { type: string }
 *         application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:
 *           schema: { type: string, format: binary }
 *     responses:
 *       200:
 *         description: The preview — rows to add, update, leave unchanged, remove (replace) and invalid rows with their line and reasons.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/RosterPreview" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *       413: { $ref: "#/components/responses/Problem" }
 *       422: { $ref: "#/components/responses/Problem" }
 */
export const POST = route(
  { name: "/api/course-units/{id}/roster/preview", auth: true, params: courseUnitParams, query: importQuerySchema },
  async ({ request, caller, params, query }) => {
    const file = await readLimitedBytes(request, config().ROSTER_FILE_MAX_BYTES);
    return json(await previewRosterImport(caller.teacherId, params.id, file, query.mode));
  },
);
