/**
 * Only paths on this site: a crafted ?callbackUrl= must not send a teacher elsewhere after signing in.
 * The value is parsed as a URL against the site's origin, as a browser would resolve it, and only a
 * same-origin result is kept, re-serialised: browsers drop tabs and newlines and read `\` as `/`, so
 * `/\t/host` or `/\host` would otherwise leave the site. Control characters and backslashes are refused
 * outright (a CR/LF would also break the Location header).
 */
export function safeReturnPath(value: string | null | undefined, origin: string, fallback = "/dashboard"): string {
  if (!value || value.length > 2048 || /[\p{Cc}\\]/u.test(value)) return fallback;
  if (!value.startsWith("/") && !value.startsWith(`${origin}/`)) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || url.username || url.password) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
