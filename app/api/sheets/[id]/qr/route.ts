import { sheetQrEndpoint } from "@/server/http/live-endpoints";
import { nextRoute } from "@/server/http/route";

/**
 * @openapi
 * /api/sheets/{id}/qr:
 *   get:
 *     tags: [Sheets]
 *     operationId: getSheetQr
 *     summary: The current and the next rotating QR contents, for the projection screen
 *     description: >
 *       Computed with the server's clock. `expiresAt` is when the next token (`next`) starts; the
 *       previous one is still accepted for one more window. A projection shows the current code, switches
 *       to `next` at `expiresAt − serverTime` on its own clock, and asks again at a random moment of the
 *       next window, so that many projections never ask at the same instant.
 *       The network this request comes from is noted (as a keyed hash) as the classroom's: check-ins are
 *       compared with it.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     responses:
 *       200:
 *         description: What to show now.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               required: [url, code, token, digits, startsAt, expiresAt, windowSeconds, serverTime, status, next]
 *               properties:
 *                 url: { type: string, format: uri, description: "The URL to encode in the QR." }
 *                 code: { type: string }
 *                 token: { type: string }
 *                 digits: { type: string, description: "Rotating digits for typing the code by hand." }
 *                 startsAt: { type: string, format: date-time }
 *                 expiresAt: { type: string, format: date-time }
 *                 windowSeconds: { type: integer }
 *                 serverTime: { type: string, format: date-time }
 *                 status: { type: string, enum: [open, closed] }
 *                 next:
 *                   type: object
 *                   description: The code of the next window, shown from `startsAt` (= this one's `expiresAt`).
 *                   required: [url, token, digits, startsAt, expiresAt]
 *                   properties:
 *                     url: { type: string, format: uri }
 *                     token: { type: string }
 *                     digits: { type: string }
 *                     startsAt: { type: string, format: date-time }
 *                     expiresAt: { type: string, format: date-time }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = nextRoute(sheetQrEndpoint);
