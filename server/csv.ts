/**
 * CSV that spreadsheets open correctly: UTF-8 with a byte-order mark (so Excel detects the encoding),
 * CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a formula neutralised
 * with a leading apostrophe (OWASP "CSV injection").
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  // Either separator is quoted, so a cell reads the same in a "," and a ";" file.
  return /[",;\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A spreadsheet in a Portuguese locale expects ";" between cells; others ",". */
export function toCsv(header: string[], rows: string[][], separator = ","): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(separator));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
