import { sheetParams } from "@/lib/validations/params";
import { json, route } from "@/server/http/route";
import { presenceSettingsSchema } from "@/lib/validations/presence";
import { setPresenceSettings, sheetPresence } from "@/server/presence/sheet-presence";

/**
 * @openapi
 * components:
 *   schemas:
 *     SheetPresence:
 *       type: object
 *       required: [strict, networks, projectionSeenAt, guessing]
 *       properties:
 *         strict: { type: boolean, description: "Check-ins only from the projection's network or `networks`." }
 *         networks: { type: array, items: { type: string, example: "192.0.2.0/24" } }
 *         projectionSeenAt:
 *           type: [string, "null"]
 *           format: date-time
 *           description: When the projection last fetched its QR (its network is the classroom's).
 *         guessing:
 *           type: object
 *           required: [wrongDigits, lastAt, pausedUntil, detected]
 *           properties:
 *             wrongDigits: { type: integer, description: "Wrong typed digits tried on this sheet." }
 *             lastAt: { type: [string, "null"], format: date-time }
 *             pausedUntil:
 *               type: [string, "null"]
 *               format: date-time
 *               description: Typed digits are refused until then (the QR keeps working).
 *             detected: { type: boolean, description: "More wrong digits than a class mistypes: someone guessed." }
 * /api/sheets/{id}/presence:
 *   get:
 *     operationId: getSheetPresence
 *     tags: [Sheets]
 *     summary: The sheet's classroom-network rule and its guessing report
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     responses:
 *       200:
 *         description: The rule and the report.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/SheetPresence" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   put:
 *     operationId: setSheetPresence
 *     tags: [Sheets]
 *     summary: Accept check-ins only from the classroom's network (off by default)
 *     description: >
 *       With `strict`, a student's code is refused (OUTSIDE_CLASSROOM) unless the phone is on the network
 *       the projection page is shown from or in one of `networks` (CIDR, for campus Wi-Fi ranges behind NAT).
 *       The teacher can still add anyone by hand.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/SheetId" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/PresenceSettings" }
 *     responses:
 *       200:
 *         description: The rule as saved, and the report.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/SheetPresence" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/sheets/{id}/presence", auth: true, params: sheetParams }, async ({ caller, params }) =>
  json(await sheetPresence(caller.teacherId, params.id)),
);

export const PUT = route(
  { name: "/api/sheets/{id}/presence", auth: true, params: sheetParams, body: presenceSettingsSchema },
  async ({ caller, params, body }) => json(await setPresenceSettings(caller.teacherId, params.id, body)),
);
