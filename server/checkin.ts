/** The student's side of the check-in protocol, from the scanned code to the attendance. */
import { checkIn, sheetKeyByCode, type CheckinResult } from "./checkin-store";
import { issueTicket, verifyCode, verifyTicket } from "./checkin-tokens";
import { AppError } from "./errors";
import { observeCheckin } from "./metrics";

/** Exchanges a QR token or the typed digits for a ticket valid for a few minutes. */
export async function exchangeForTicket(code: string, presented: { token?: string; digits?: string }) {
  try {
    const sheet = await sheetKeyByCode(code);
    if (sheet.status === "closed") throw new AppError("SHEET_CLOSED");
    const method = verifyCode(sheet.secret, sheet.id, presented);
    return issueTicket(sheet, method);
  } catch (err) {
    if (err instanceof AppError) observeCheckin(err.code);
    throw err;
  }
}

export async function register(
  code: string,
  input: { ticket: string; studentNumber: string; name: string; deviceId: string },
): Promise<CheckinResult> {
  try {
    const { sheetId, method } = verifyTicket(input.ticket, code);
    const result = await checkIn({ sheetId, method, studentNumber: input.studentNumber, name: input.name, deviceId: input.deviceId });
    observeCheckin(result.created ? "created" : "repeated");
    return result;
  } catch (err) {
    if (err instanceof AppError) observeCheckin(err.code);
    throw err;
  }
}
