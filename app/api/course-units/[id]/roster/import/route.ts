import { courseUnitParams, importQuerySchema } from "@/lib/validations/rosters";
import { config } from "@/server/config";
import { readLimitedBytes } from "@/server/http/body";
import { json, route } from "@/server/http/route";
import { applyRosterImport } from "@/server/roster";

/**
 * @openapi
 * /api/course-units/{id}/roster/import:
 *   post:
 *     operationId: importRoster
 *     tags: [Rosters]
 *     summary: Import a roster file in one transaction
 *     description: >
 *       The body is the file itself: CSV (UTF-8; `,`, `;` or tab separated) or XLSX (first worksheet),
 *       with a header row naming a student number column (número, number) and a name column (nome, name),
 *       optionally e-mail and group (turma). At most `ROSTER_FILE_MAX_BYTES` (5 MB by default). A file with any invalid row is refused with 422 (its lines in `errors`) and changes nothing.
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
 *         description: Imported; the counts of what changed.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               required: [mode, counts]
 *               properties:
 *                 mode: { type: string, enum: [merge, replace] }
 *                 counts: { type: object }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *       413: { $ref: "#/components/responses/Problem" }
 *       422: { $ref: "#/components/responses/Problem" }
 */
export const POST = route(
  { name: "/api/course-units/{id}/roster/import", auth: true, params: courseUnitParams, query: importQuerySchema },
  async ({ request, caller, params, query }) => {
    const file = await readLimitedBytes(request, config().ROSTER_FILE_MAX_BYTES);
    return json(await applyRosterImport(caller.teacherId, params.id, file, query.mode));
  },
);
