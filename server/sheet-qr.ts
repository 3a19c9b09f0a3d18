/**
 * What a sheet's projection shows: the current and the next rotating code, with when each starts by the
 * server's clock. Read without the ORM, in one indexed look-up: every open projection asks once per window,
 * so the production entry serves it itself (direct.ts).
 */
import { currentCode } from "./checkin-tokens";
import { config } from "./config";
import { accessibleSheetRow } from "./sheet-access";

type QrSheet = { id: string; code: string; secret: Buffer; status: "open" | "closed" };

export async function sheetQr(teacherId: string, sheetId: string) {
  const sheet = await accessibleSheetRow<QrSheet>(teacherId, sheetId, "s.id, s.code, s.secret, s.status");
  const now = Date.now();
  const { next, ...code } = currentCode(sheet.secret, sheet.id, now);
  const url = (token: string) => `${config().PUBLIC_ORIGIN}/c/${sheet.code}?t=${token}`;
  return {
    url: url(code.token),
    code: sheet.code,
    ...code,
    serverTime: new Date(now),
    status: sheet.status,
    next: { url: url(next.token), ...next },
  };
}
