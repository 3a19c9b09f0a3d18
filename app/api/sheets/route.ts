import { createSheetSchema, sheetListQuerySchema } from "@/lib/validations/sheets";
import { json, route } from "@/server/http/route";
import { createSheet, listSheets } from "@/server/sheets";

/**
 * @openapi
 * /api/sheets:
 *   get:
 *     tags: [Sheets]
 *     summary: My sheets, newest first
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters:
 *       - { name: courseUnitId, in: query, schema: { type: string, format: uuid } }
 *       - { name: status, in: query, schema: { type: string, enum: [open, closed] } }
 *       - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100, default: 50 } }
 *       - $ref: "#/components/parameters/Cursor"
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
 *     summary: Open a new attendance sheet
 *     security: [{ bearer: [] }, { session: [] }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema:
 *             type: object
 *             additionalProperties: false
 *             required: [courseUnitId]
 *             properties:
 *               courseUnitId: { type: string, format: uuid }
 *               summary: { type: string, maxLength: 500 }
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
