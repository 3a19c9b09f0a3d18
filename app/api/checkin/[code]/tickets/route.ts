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
 *       accepted); the ticket lasts a few minutes, giving the student time to type their details.
 *     parameters: [{ $ref: "#/components/parameters/SheetCode" }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/TicketRequest" }
 *     responses:
 *       201:
 *         description: The ticket.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/Ticket" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 *       410: { $ref: "#/components/responses/Problem" }
 */
export const POST = nextRoute(ticketEndpoint);
