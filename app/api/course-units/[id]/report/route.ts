import { locales } from "@/lib/i18n/locales";
import { courseUnitParams, reportQuerySchema } from "@/lib/validations/rosters";
import { z } from "zod";
import { exportReport } from "@/server/export";
import { exportLocale, fileResponse } from "@/server/http/file-reply";
import { json, route } from "@/server/http/route";
import { termReport } from "@/server/report";

/**
 * @openapi
 * /api/course-units/{id}/report:
 *   get:
 *     operationId: getTermReport
 *     tags: [Reports]
 *     summary: The term report — every student's status per session, rates and per-session counts
 *     description: >
 *       Sessions are the sheets of the unit's team, oldest first. A student's rate counts present and late
 *       sessions out of those not excused; `belowMinimum` compares it with the unit's `minimumRate`.
 *       `format=csv` or `xlsx` returns it as a file (CSV in the language of `lang`, else `Accept-Language`).
 *     security: [{ bearer: [] }, { session: [] }]
 *     x-query: ReportQuery
 *     parameters:
 *       - $ref: "#/components/parameters/CourseUnitId"
 *     responses:
 *       200:
 *         description: The report, or its file.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/TermReport" }
 *           text/csv:
 *             schema: { type: string }
 *           application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:
 *             schema: { type: string, format: binary }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route(
  {
    name: "/api/course-units/{id}/report",
    auth: true,
    params: courseUnitParams,
    query: reportQuerySchema.extend({ lang: z.enum(locales).optional() }),
  },
  async ({ request, caller, params, query }) => {
    const group = query.group || undefined;
    if (query.format === "json") return json(await termReport(caller.teacherId, params.id, group));
    return fileResponse(await exportReport(caller.teacherId, params.id, group, query.format, exportLocale(request, query.lang)));
  },
);
