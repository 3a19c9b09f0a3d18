/** The student's side of the check-in protocol, from the scanned code to the attendance. */
import { checkIn, ownEntry, sheetKeyByCode, type StudentEntry, type StudentResult } from "./checkin-store";
import { issueTicket, showsQr, verifyCode, verifyTicket } from "./checkin-tokens";
import { config } from "./config";
import { AppError } from "./errors";
import { observeCheckin } from "./metrics";
import { NEW_BROWSER_MS, browserHash, type Browser } from "./presence/browser-key";
import { lookUpCode } from "./presence/code-probes";
import { admitTypedAttempt } from "./presence/digit-guard";
import { inRanges, placeOf } from "./presence/network";
import { receiptCode } from "./presence/receipt";

/** Who is checking in, as the server sees it: the browser's cookie key and the address the request came from. */
export type StudentClient = { browser: Browser | null; address: string | null };

/** The answer a student gets: their own entry and its receipt code, nothing about anyone else. */
export type StudentAnswer = StudentEntry & { receipt: string };
const answer = (entry: StudentEntry): StudentAnswer => ({ ...entry, receipt: receiptCode(entry.id) });

function assertInClassroom(sheet: { strict: boolean; networks: string[]; projectionNetwork: string | null }, client: StudentClient) {
  if (!sheet.strict) return;
  const { network } = placeOf(client.address);
  const fromProjection = network !== null && network === sheet.projectionNetwork;
  if (!fromProjection && !inRanges(client.address, sheet.networks)) throw new AppError("OUTSIDE_CLASSROOM");
}

/**
 * Exchanges a QR token or the typed digits for a ticket valid for a few minutes in this browser only.
 * Typed digits are counted against the sheet's and the address's guessing limits; the QR path is not.
 */
export async function exchangeForTicket(
  code: string,
  presented: { token?: string; digits?: string },
  client: StudentClient & { browser: Browser },
) {
  try {
    const sheet = await lookUpCode(
      client.address,
      () => sheetKeyByCode(code),
      (found) => showsQr(found, presented.token),
    );
    if (sheet.status === "closed") throw new AppError("SHEET_CLOSED");
    assertInClassroom(sheet, client);
    const place = placeOf(client.address);
    const giveBack = presented.digits !== undefined ? await admitTypedAttempt(sheet.id, place.source) : null;
    const { method, late } = verifyCode(sheet.secret, sheet.id, presented);
    await giveBack?.();
    // Compared with the projection's network as known now: the check-in itself then needs no look-up.
    const away = place.network !== null && sheet.projectionNetwork !== null && place.network !== sheet.projectionNetwork;
    return issueTicket(sheet, { method, late, away, browserHash: browserHash(client.browser) });
  } catch (err) {
    if (err instanceof AppError) observeCheckin(err.code);
    throw err;
  }
}

export async function register(
  code: string,
  input: { ticket: string; studentNumber: string; name: string },
  client: StudentClient,
): Promise<{ attendance: StudentAnswer; created: boolean }> {
  try {
    const hash = client.browser ? browserHash(client.browser) : null;
    const ticket = verifyTicket(input.ticket, code, hash);
    const signals: string[] = [];
    if (client.browser && Date.now() - client.browser.firstSeenMs < NEW_BROWSER_MS) signals.push("new_browser");
    if (ticket.late) signals.push("late_code");
    if (ticket.away) signals.push("other_network");
    const result: StudentResult = await checkIn({
      sheetId: ticket.sheetId,
      method: ticket.method,
      studentNumber: input.studentNumber,
      name: input.name,
      browserHash: hash ?? "",
      ...placeOf(client.address),
      signals,
    });
    observeCheckin(result.created ? "created" : "repeated");
    return { attendance: answer(result.attendance), created: result.created };
  } catch (err) {
    if (err instanceof AppError) observeCheckin(err.code);
    throw err;
  }
}

/** This browser's entry on the sheet with this code, for the receipt its check-in page shows again. */
export async function ownReceipt(code: string, browser: Browser | null): Promise<StudentAnswer | null> {
  if (!browser) return null;
  const sheet = await sheetKeyByCode(code);
  const entry = await ownEntry(sheet.id, browserHash(browser));
  return entry && !entry.removedAt ? answer(entry) : null;
}

/** How long a browser may still correct its entry (the ticket's lifetime from the check-in). */
export const correctionOpen = (entry: StudentEntry, nowMs = Date.now()) =>
  !entry.correctedFrom && nowMs - new Date(entry.createdAt).getTime() < config().TICKET_TTL_SECONDS * 1000;
