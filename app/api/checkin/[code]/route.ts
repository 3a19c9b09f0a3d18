import { codeParams } from "@/lib/validations/params";
import { registerEndpoint } from "@/server/http/checkin-endpoints";
import { clientAddress } from "@/server/http/client-address";
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
 *     description: >
 *       Only what a student needs to know they are in the right class: the course unit and whether the
 *       sheet is open (not the teacher's name nor the lesson summary). Codes that do not exist are counted
 *       per client address: past CODE_PROBES_MAX_PER_ADDRESS within CODE_PROBES_WINDOW_SECONDS, look-ups
 *       from that address, of any code, answer 429 CODES_PAUSED with Retry-After for
 *       CODE_PROBES_PAUSE_SECONDS (a QR token from the screen still passes at the ticket exchange).
 *     parameters: [{ $ref: "#/components/parameters/SheetCode" }]
 *     responses:
 *       200:
 *         description: Public facts about the sheet.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               additionalProperties: false
 *               required: [code, status, courseUnit]
 *               properties:
 *                 code: { type: string }
 *                 status: { type: string, enum: [open, closed] }
 *                 courseUnit:
 *                   type: object
 *                   additionalProperties: false
 *                   required: [code, name]
 *                   properties:
 *                     code: { type: string }
 *                     name: { type: string }
 *       400: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *       429: { $ref: "#/components/responses/Problem" }
 *   post:
 *     tags: [Check-in]
 *     operationId: checkIn
 *     summary: Register a student's attendance with a ticket
 *     security: []
 *     description: >
 *       The ticket works only with the browser cookie (`presenca_browser`) it was issued with
 *       (TICKET_OTHER_BROWSER otherwise), and registers one student: submitting the same student again
 *       returns the same entry with 200. The browser's own entry may be corrected once (number and name)
 *       within the ticket's lifetime, answered with 200 and `correctedFrom`; a further student from the same
 *       browser is refused (CORRECTION_USED, CORRECTION_EXPIRED, or DEVICE_ALREADY_USED when the teacher
 *       removed its entry). A number registered from another browser is refused without revealing that
 *       entry (STUDENT_ALREADY_REGISTERED), as is a closed sheet (SHEET_CLOSED). Refusals are worded in
 *       the language of Accept-Language (pt or en).
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
 *             schema: { $ref: "#/components/schemas/StudentEntry" }
 *       200:
 *         description: Already registered, or corrected; the browser's own entry.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/StudentEntry" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 *       410: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/checkin/{code}", auth: false, params: codeParams }, async ({ params, request }) =>
  json(await describeSheet(params.code, { address: clientAddress(request.headers) })),
);

export const POST = nextRoute(registerEndpoint);
