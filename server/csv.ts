/**
 * CSV that spreadsheets open correctly: UTF-8 with a byte-order mark (so Excel detects the encoding),
 * CRLF line ends, RFC 4180 quoting, and no cell a spreadsheet would run as a formula (OWASP "CSV
 * injection") whatever separator the reader splits it with.
 *
 * The rule: a reader that splits on a separator we did not write (a Portuguese-locale spreadsheet
 * splits on ";", others on ",", tab, "|", space, or on every line break) starts a field right after any
 * such character inside a cell. So for each separator below, every segment of the cell that follows it
 * (and the cell's start) is checked: once leading white space and quote marks are skipped (readers may
 * trim spaces and open a quoted field there), a segment that starts with = + - @ (or their full-width
 * forms) is given a leading apostrophe, which makes that field text in any spreadsheet. The one
 * exception is a sign followed directly by the same separator: that reader's field is the lone sign
 * ("Aula 3 - revisão" split on spaces gives "-"), which cannot compute anything. Tab and CR at the start
 * are white space here, so "\t=1" is caught as "=1".
 */
const separators = [",", ";", "\t", "|", " ", "\r", "\n"];
const sign = /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** Whether the text from a field's start could run: a sign followed by the end or by more than the separator. */
function runs(rest: string, separator: string | null): boolean {
  const found = sign.exec(rest);
  if (!found) return false;
  return rest[found[0].length] !== separator;
}

/** Indexes where an apostrophe goes: the start of every segment that a reader could run as a formula. */
function formulaSegments(value: string): Set<number> {
  const at = new Set<number>();
  if (runs(value, null)) at.add(0);
  for (const separator of separators) {
    for (let i = value.indexOf(separator); i !== -1; i = value.indexOf(separator, i + 1)) {
      if (runs(value.slice(i + 1), separator)) at.add(i + 1);
    }
  }
  return at;
}

/** The cell's text with every dangerous segment prefixed by an apostrophe. */
export function neutraliseFormulas(value: string): string {
  const at = formulaSegments(value);
  if (at.size === 0) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) out += (at.has(i) ? "'" : "") + value[i];
  return out;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormulas(value);
  // Every separator a reader may choose is quoted, so the cell stays one field in any of them.
  return /[",;\t|\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A spreadsheet in a Portuguese locale expects ";" between cells; others ",". */
export function toCsv(header: string[], rows: string[][], separator = ","): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(separator));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
