import { sheetEventsEndpoint } from "@/server/http/live-endpoints";
import { nextRoute } from "@/server/http/route";

/**
 * @openapi
 * /api/sheets/{id}/events:
 *   get:
 *     operationId: streamSheetEvents
 *     tags: [Attendances]
 *     summary: The sheet's changes as they happen (Server-Sent Events), for live screens
 *     description: >
 *       A `text/event-stream`. It starts with the changes the client is missing — those after the
 *       `Last-Event-ID` header (which EventSource sends back by itself when it reconnects), else after
 *       `after`, else all of them — then sends each change as it happens, whichever instance took it.
 *       Each event's `id` is the sheet's change number and its `data` a `SheetChange` (JSON): an entry
 *       added, removed, restored or edited, the sheet closed or reopened, with the count after it.
 *       Resuming from the last `id` received misses nothing and repeats nothing. A comment line
 *       (`:`) comes every `LIVE_HEARTBEAT_SECONDS` (20 s); the stream ends after about
 *       `LIVE_STREAM_SECONDS` (5 minutes) or when the instance shuts down, with a `retry:` hint, and the
 *       client reconnects (authenticating again). Credentials and ownership are checked when it opens.
 *     security: [{ bearer: [] }, { session: [] }]
 *     x-query: SheetEventsQuery
 *     parameters:
 *       - $ref: "#/components/parameters/SheetId"
 *       - name: Last-Event-ID
 *         in: header
 *         description: The `id` of the last event received; the stream resumes after it.
 *         schema: { type: string, pattern: "^[0-9]+$" }
 *     responses:
 *       200:
 *         description: >
 *           The event stream. Each event is `id: <seq>` and `data: <SheetChange as JSON>`.
 *         content:
 *           text/event-stream:
 *             schema: { type: string }
 *             x-event-data: { $ref: "#/components/schemas/SheetChange" }
 *             example: "retry: 2000\n\nid: 1\ndata: {\"seq\":1,\"kind\":\"added\",\"count\":1,\"entry\":{…}}\n\n"
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = nextRoute(sheetEventsEndpoint);
