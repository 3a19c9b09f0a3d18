/** Only paths on this site: a crafted ?callbackUrl= must not send a teacher elsewhere after signing in. */
export function safeReturnPath(value: string | null | undefined, fallback = "/dashboard"): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}
