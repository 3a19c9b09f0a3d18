import { sheetParams } from "@/lib/validations/params";
import { updateSheetSchema } from "@/lib/validations/sheets";
import { json, route } from "@/server/http/route";
import { getSheet, updateSheet } from "@/server/sheets";

/**
 * @openapi
 * /api/sheets/{id}:
 *   get:
 *     tags: [Sheets]
 *     operationId: getSheet
 *     summary: One of my sheets
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     responses:
 *       200:
 *         description: The sheet.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Sheet" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   patch:
 *     tags: [Sheets]
 *     operationId: updateSheet
 *     summary: Close or reopen a sheet, or edit its summary
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/SheetUpdate" }
 *     responses:
 *       200:
 *         description: The updated sheet.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Sheet" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/sheets/{id}", auth: true, params: sheetParams }, async ({ caller, params }) =>
  json(await getSheet(caller.teacherId, params.id)),
);

export const PATCH = route(
  { name: "/api/sheets/{id}", auth: true, params: sheetParams, body: updateSheetSchema },
  async ({ caller, params, body }) => json(await updateSheet(caller.teacherId, params.id, body)),
);
