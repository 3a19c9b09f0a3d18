import { sheetParams } from "@/lib/validations/params";
import { clientAddress } from "@/server/http/client-address";
import { json, route } from "@/server/http/route";
import { noteProjection } from "@/server/presence/sheet-presence";
import { sheetQr } from "@/server/sheets";

/**
 * @openapi
 * /api/sheets/{id}/qr:
 *   get:
 *     tags: [Sheets]
 *     operationId: getSheetQr
 *     summary: The current rotating QR contents, for the projection screen
 *     description: >
 *       Computed with the server's clock. `expiresAt` is when the next token starts; the previous one
 *       is still accepted for one more window, so a refresh a little late loses nothing. The network this
 *       request comes from is noted (as a keyed hash) as the classroom's: check-ins are compared with it.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     responses:
 *       200:
 *         description: What to show now.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 url: { type: string, format: uri, description: "The URL to encode in the QR." }
 *                 code: { type: string }
 *                 token: { type: string }
 *                 digits: { type: string, description: "Rotating digits for typing the code by hand." }
 *                 expiresAt: { type: string, format: date-time }
 *                 windowSeconds: { type: integer }
 *                 serverTime: { type: string, format: date-time }
 *                 status: { type: string, enum: [open, closed] }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/sheets/{id}/qr", auth: true, params: sheetParams }, async ({ caller, params, request }) => {
  const qr = await sheetQr(caller.teacherId, params.id);
  await noteProjection(params.id, clientAddress(request.headers));
  return json(qr);
});
