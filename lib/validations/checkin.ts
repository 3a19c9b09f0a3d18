import { z } from "zod";

/** Sheet codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const SHEET_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
export const SHEET_CODE_LENGTH = 6;

export const sheetCodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${SHEET_CODE_ALPHABET}]{${SHEET_CODE_LENGTH}}$`), "is not a sheet code"));

export const DIGITS_LENGTH = 4;

export const ticketRequestSchema = z
  .strictObject({
    token: z.string({ error: "must be a string" }).min(1).max(64).optional(),
    digits: z
      .string({ error: "must be a string" })
      .transform((s) => s.replace(/\s/g, ""))
      .pipe(z.string().regex(new RegExp(`^\\d{${DIGITS_LENGTH}}$`), `must be ${DIGITS_LENGTH} digits`))
      .meta({ description: `The ${DIGITS_LENGTH} rotating digits shown beside the QR (spaces ignored).`, example: "4821" })
      .optional(),
  })
  .refine((v) => (v.token === undefined) !== (v.digits === undefined), "give either token or digits")
  .meta({ description: "Either the scanned QR's token or the typed digits.", minProperties: 1, maxProperties: 1 });

export const deviceIdSchema = z
  .string({ error: "must be a string" })
  .regex(/^[A-Za-z0-9_-]{16,128}$/, "must be 16 to 128 letters, digits, '-' or '_'");
