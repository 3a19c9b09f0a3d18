/**
 * What a teacher's open screens ask of the server: the sheet's live stream, and the projection's QR codes
 * once per window. The production entry serves both itself (direct.ts): a stream holds its response open
 * for minutes, and hundreds of projections ask for codes at a lecture's start, neither needing anything of
 * Next's router; Next serves them from their route files under `next dev`.
 */
import { sheetParams } from "@/lib/validations/params";
import { sheetEventsQuerySchema } from "@/lib/validations/sheets";
import { openSheetStream, parseLastEventId } from "../live/stream";
import { noteProjection } from "../presence/projection-network";
import { sheetQr } from "../sheet-qr";
import { clientAddress } from "./client-address";
import { endpoint, reply } from "./endpoint";

export const sheetEventsEndpoint = endpoint(
  { name: "/api/sheets/{id}/events", auth: true, params: sheetParams, query: sheetEventsQuerySchema },
  async ({ request, caller, params, query }) => {
    const after = parseLastEventId(request.headers.get("last-event-id")) ?? query.after ?? 0;
    return openSheetStream(caller.teacherId, params.id, after);
  },
);

export const sheetQrEndpoint = endpoint(
  { name: "/api/sheets/{id}/qr", auth: true, params: sheetParams },
  async ({ caller, params, request }) => {
    const qr = await sheetQr(caller.teacherId, params.id);
    await noteProjection(params.id, clientAddress(request.headers));
    return reply(qr);
  },
);
