import { ticketEndpoint } from "@/server/http/checkin-endpoints";
import { nextRoute } from "@/server/http/route";

/**
 * @openapi
 * /api/checkin/{code}/tickets:
 *   post:
 *     tags: [Check-in]
 *     operationId: createCheckinTicket
 *     summary: Exchange the scanned QR token, or the typed digits, for a check-in ticket
 *     security: []
 *     description: >
 *       The QR token and the digits rotate every few seconds (the current and the previous window are
 *       accepted); the ticket lasts a few minutes, giving the student time to type their details, and works
 *       only in the browser that asked for it: a browser without the `presenca_browser` cookie (HttpOnly)
 *       gets one with the ticket. Typed digits are limited: past DIGITS_MAX_FAILURES_PER_SHEET wrong tries
 *       on a sheet, or DIGITS_MAX_FAILURES_PER_ADDRESS from one address, within DIGITS_WINDOW_SECONDS,
 *       typing pauses (429 TYPING_PAUSED with Retry-After) while the QR keeps working. A sheet in strict mode
 *       refuses a phone outside the classroom's network (403 OUTSIDE_CLASSROOM). Codes that do not exist
 *       are counted per client address: past CODE_PROBES_MAX_PER_ADDRESS within CODE_PROBES_WINDOW_SECONDS,
 *       look-ups of any code from that address answer 429 CODES_PAUSED with Retry-After, except with a
 *       valid QR token of that sheet.
 *     parameters: [{ $ref: "#/components/parameters/SheetCode" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/TicketRequest" }
 *     responses:
 *       201:
 *         description: The ticket.
 *         headers:
 *           Set-Cookie: { schema: { type: string }, description: "The browser cookie, when the browser had none." }
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Ticket" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       403: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 *       410: { $ref: "#/components/responses/Problem" }
 *       429: { $ref: "#/components/responses/Problem" }
 */
export const POST = nextRoute(ticketEndpoint);
