/**
 * Whether two student numbers are one typing slip apart: one character changed, added or dropped, or
 * two neighbours swapped (Damerau–Levenshtein distance 1, computed in one pass).
 */
export function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const rest = (from: number) => a.slice(from) === b.slice(from);
    return rest(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2));
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}
