/**
 * CSV that spreadsheets open correctly: UTF-8 with a byte-order mark (so Excel detects the encoding),
 * CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a formula neutralised
 * with a leading apostrophe (OWASP "CSV injection").
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: string[], rows: string[][]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
