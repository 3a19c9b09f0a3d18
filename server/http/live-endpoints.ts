/**
 * The live stream of a sheet. The production entry serves it itself (direct.ts): a stream holds its
 * response open for minutes, which needs nothing of Next's router; Next serves it under `next dev`.
 */
import { sheetParams } from "@/lib/validations/params";
import { sheetEventsQuerySchema } from "@/lib/validations/sheets";
import { openSheetStream, parseLastEventId } from "../live/stream";
import { endpoint } from "./endpoint";

export const sheetEventsEndpoint = endpoint(
  { name: "/api/sheets/{id}/events", auth: true, params: sheetParams, query: sheetEventsQuerySchema },
  async ({ request, caller, params, query }) => {
    const after = parseLastEventId(request.headers.get("last-event-id")) ?? query.after ?? 0;
    return openSheetStream(caller.teacherId, params.id, after);
  },
);
