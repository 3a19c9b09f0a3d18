/**
 * The short receipt code a student's confirmation shows and the teacher's list repeats beside the entry,
 * so the two can be compared at a glance. Derived from the entry's id with a server key: nothing stored,
 * and it cannot be made up for an entry that does not exist.
 */
import { createHmac } from "node:crypto";
import { SHEET_CODE_ALPHABET } from "@/lib/validations/checkin";
import { config } from "../config";

let key: Buffer | undefined;
const receiptKey = () => (key ??= createHmac("sha256", config().AUTH_SECRET).update("presenca receipts").digest());

export function receiptCode(attendanceId: string): string {
  const bytes = createHmac("sha256", receiptKey()).update(attendanceId).digest();
  let out = "";
  for (let i = 0; i < 5; i++) out += SHEET_CODE_ALPHABET[(bytes[i] ?? 0) % SHEET_CODE_ALPHABET.length];
  return out;
}
