import { createSheetSchema, sheetListQuerySchema } from "@/lib/validations/sheets";
import { json, route } from "@/server/http/route";
import { createSheet, listSheets } from "@/server/sheets";

/**
 * @openapi
 * /api/sheets:
 *   get:
 *     tags: [Sheets]
 *     operationId: listSheets
 *     summary: My sheets, newest first
 *     security: [{ bearer: [] }, { session: [] }]
 *     x-query: SheetListQuery
 *     responses:
 *       200:
 *         description: A page of sheets.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 items: { type: array, items: { $ref: "#/components/schemas/Sheet" } }
 *                 nextCursor: { type: [string, "null"] }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *   post:
 *     tags: [Sheets]
 *     operationId: createSheet
 *     summary: Open a new attendance sheet
 *     security: [{ bearer: [] }, { session: [] }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/NewSheet" }
 *     responses:
 *       201:
 *         description: The new, open sheet.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Sheet" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/sheets", auth: true, query: sheetListQuerySchema }, async ({ caller, query }) =>
  json(await listSheets(caller.teacherId, query)),
);

export const POST = route({ name: "/api/sheets", auth: true, body: createSheetSchema }, async ({ caller, body }) => {
  const sheet = await createSheet(caller.teacherId, body);
  return json(sheet, 201, { location: `/api/sheets/${sheet.id}` });
});
