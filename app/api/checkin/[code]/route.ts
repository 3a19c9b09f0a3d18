import { codeParams } from "@/lib/validations/params";
import { registerEndpoint } from "@/server/http/checkin-endpoints";
import { json, nextRoute, route } from "@/server/http/route";
import { describeSheet } from "@/server/sheets";

/**
 * @openapi
 * /api/checkin/{code}:
 *   get:
 *     tags: [Check-in]
 *     operationId: getCheckinSheet
 *     summary: What a student sees before registering
 *     security: []
 *     parameters: [{ $ref: "#/components/parameters/SheetCode" }]
 *     responses:
 *       200:
 *         description: Public facts about the sheet.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 code: { type: string }
 *                 summary: { type: string }
 *                 status: { type: string, enum: [open, closed] }
 *                 createdAt: { type: string, format: date-time }
 *                 teacherName: { type: string }
 *                 courseUnit:
 *                   type: object
 *                   properties:
 *                     code: { type: string }
 *                     name: { type: string }
 *       400: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   post:
 *     tags: [Check-in]
 *     operationId: checkIn
 *     summary: Register a student's attendance with a ticket
 *     security: []
 *     description: >
 *       Idempotent per student: submitting again returns the same entry with 200. A device that already
 *       registered another student on this sheet is refused (DEVICE_ALREADY_USED), as is a closed sheet
 *       (SHEET_CLOSED). Refusals are worded in the language of Accept-Language (pt or en).
 *     parameters: [{ $ref: "#/components/parameters/SheetCode" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/CheckinRequest" }
 *     responses:
 *       201:
 *         description: Registered.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Attendance" }
 *       200:
 *         description: Already registered; the existing entry.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Attendance" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 *       410: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/checkin/{code}", auth: false, params: codeParams }, async ({ params }) =>
  json(await describeSheet(params.code)),
);

export const POST = nextRoute(registerEndpoint);
