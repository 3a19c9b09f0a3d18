import { sheetParams } from "@/lib/validations/params";
import { attendanceListQuerySchema } from "@/lib/validations/sheets";
import { addByTeacher, listAttendances } from "@/server/attendances";
import { exportSheet } from "@/server/export";
import { versionEtag, versionedJson } from "@/server/http/etag";
import { listVersion } from "@/server/http/list-poll";
import { exportLocale, fileResponse } from "@/server/http/file-reply";
import { json, route } from "@/server/http/route";
import { teacherAddSchema } from "@/server/student-input";

/**
 * @openapi
 * /api/sheets/{id}/attendances:
 *   get:
 *     tags: [Attendances]
 *     operationId: listAttendances
 *     summary: The attendance list of a sheet, in check-in order (or its CSV or XLSX export)
 *     description: >
 *       `format=csv` or `format=xlsx` returns every current entry with its status, receipt code, presence
 *       flags, review state and correction, and the roster's absentees, as a file: CSV in the language of
 *       `lang` (else `Accept-Language`) — pt with `;`, en with `,` — UTF-8 with BOM, local times,
 *       formula-like cells neutralised; XLSX with typed dates.
 *       Removed entries are hidden unless `includeRemoved=true`. The JSON carries an `ETag` (the sheet's change
 *       number and the query): poll with `If-None-Match` to get an empty 304 until the sheet changes, at
 *       the cost of one indexed read. Pages that can hold a stream use `/api/sheets/{id}/events` instead.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - $ref: "#/components/parameters/SheetId"
 *     x-query: AttendanceListQuery
 *     responses:
 *       200:
 *         description: A page of attendances, or the CSV file.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 items: { type: array, items: { $ref: "#/components/schemas/ListedAttendance" } }
 *                 nextCursor: { type: [string, "null"] }
 *                 sheetStatus: { type: string, enum: [open, closed], description: "The sheet's status now, for pages that poll the list." }
 *           text/csv:
 *             schema: { type: string }
 *           application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:
 *             schema: { type: string, format: binary }
 *       304:
 *         description: Not modified since the `ETag` given in `If-None-Match`.
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   post:
 *     tags: [Attendances]
 *     operationId: addAttendance
 *     summary: Add a student by hand (allowed on closed sheets too)
 *     description: Adding a student who is already there returns the entry with 200; a removed entry is restored.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/TeacherAddition" }
 *     responses:
 *       201:
 *         description: Added.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Attendance" }
 *       200:
 *         description: Already there.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Attendance" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route(
  { name: "/api/sheets/{id}/attendances", auth: true, params: sheetParams, query: attendanceListQuerySchema },
  async ({ request, caller, params, query }) => {
    if (query.format !== "json") {
      return fileResponse(await exportSheet(caller.teacherId, params.id, query.format, exportLocale(request, query.lang)));
    }
    const { version, status } = await listVersion(caller.teacherId, params.id, query);
    return versionedJson(request, versionEtag(version), () => listAttendances(caller.teacherId, params.id, query, { status }));
  },
);

export const POST = route(
  { name: "/api/sheets/{id}/attendances", auth: true, params: sheetParams, body: teacherAddSchema },
  async ({ caller, params, body }) => {
    const { attendance, created } = await addByTeacher(caller.teacherId, params.id, body);
    return json(attendance, created ? 201 : 200);
  },
);
