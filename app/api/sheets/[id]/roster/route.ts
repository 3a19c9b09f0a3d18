import { sheetParams } from "@/lib/validations/params";
import { json, route } from "@/server/http/route";
import { sheetRosterCheck } from "@/server/sheet-roster";

/**
 * @openapi
 * /api/sheets/{id}/roster:
 *   get:
 *     operationId: getSheetRosterCheck
 *     tags: [Attendances]
 *     summary: The sheet against its course unit's roster (statuses, absentees, numbers not on the roster)
 *     description: >
 *       Every current entry with its status (present, late after the sheet's `lateAfter`, or what a
 *       teacher set), the roster students who did not come, and the entries whose number is not on the
 *       roster with the roster numbers one typo away. Only the unit's team sees the roster.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     responses:
 *       200:
 *         description: The check.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/RosterCheck" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/sheets/{id}/roster", auth: true, params: sheetParams }, async ({ caller, params }) => {
  const { sheet: _sheet, ...check } = await sheetRosterCheck(caller.teacherId, params.id);
  return json(check);
});
