/**
 * Where a sheet's projection is shown from: the network of the projection page's QR fetches, kept as a
 * keyed hash. A check-in from another network is flagged; the strict rule lets in only this network and
 * the sheet's listed ranges (checkin.ts).
 */
import { forgetSheetKey } from "../checkin-store";
import { pool } from "../pool";
import { placeOf } from "./network";

// The projection fetches a QR every few seconds; its network is written only when it changes, or once a minute.
const NOTED_MS = 60_000;
const noted = new Map<string, { network: string; until: number }>();

/** Records the network the projection page's QR fetch came from (a keyed hash). */
export async function noteProjection(sheetId: string, address: string | null): Promise<void> {
  const { network } = placeOf(address);
  if (!network) return;
  const now = Date.now();
  const seen = noted.get(sheetId);
  if (seen && seen.network === network && seen.until > now) return;
  if (noted.size > 10_000) noted.clear();
  noted.set(sheetId, { network, until: now + NOTED_MS });
  const { rows } = await pool().query<{ code: string }>({
    text: `WITH saved AS (
        INSERT INTO sheet_presences (sheet_id, projection_network, projection_seen_at) VALUES ($1, $2, now())
        ON CONFLICT (sheet_id) DO UPDATE SET projection_network = excluded.projection_network, projection_seen_at = now()
        RETURNING sheet_id)
      SELECT s.code FROM sheets s JOIN saved ON saved.sheet_id = s.id`,
    values: [sheetId, network],
  });
  // The strict rule compares with this network: the ticket exchange must not keep the old one.
  if (rows[0]) forgetSheetKey(rows[0].code);
}
