/**
 * A poll of a sheet's list that has not changed: the page's fallback when it cannot hold a live stream,
 * and API clients polling with If-None-Match. The production entry answers it itself (direct.ts) with
 * an empty 304 after one indexed read of the sheet's version, without Next's router; any other poll (a
 * changed list, another format, an error to explain) goes to the route in Next, which answers the same
 * 304 under the same ETag.
 */
import { attendanceListQuerySchema } from "@/lib/validations/sheets";
import { sheetParams } from "@/lib/validations/params";
import type { Caller } from "../auth/request-auth";
import { ownedSheetVersion } from "../live/changes";
import { endpoint, type ApiRequest } from "./endpoint";
import { etagMatches, notModified, versionEtag } from "./etag";

export const listPath = "/api/sheets/{id}/attendances";

export type ListQuery = { cursor?: string; limit: number; includeRemoved: boolean };

/**
 * The list's version for a poll: the sheet's change number with the query. Reading it is one indexed
 * row, so an unchanged poll reads nothing else; it also refuses another teacher's sheet.
 */
export async function listVersion(ownerId: string, sheetId: string, query: ListQuery) {
  const { seq, status } = await ownedSheetVersion(ownerId, sheetId);
  return { version: [seq, query.limit, query.cursor ?? "", query.includeRemoved], status };
}

/** The ETag the client holds, when it is still the list's: else null, and Next answers the poll. */
export async function unchangedListEtag(request: ApiRequest, caller: Caller, id: string): Promise<string | null> {
  const params = sheetParams.safeParse({ id });
  const query = attendanceListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success || !query.success || query.data.format !== "json") return null;
  const { version } = await listVersion(caller.teacherId, params.data.id, query.data).catch(() => ({ version: null }));
  if (version === null) return null;
  const etag = versionEtag(version);
  return etagMatches(request.headers.get("if-none-match"), etag) ? etag : null;
}

/** The 304, answered (logged and counted) as the route in Next would. */
export const notModifiedListEndpoint = (etag: string) => endpoint({ name: listPath, auth: true }, () => Promise.resolve(notModified(etag)));
