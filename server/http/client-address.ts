/**
 * The client's address. Behind our nginx (TRUST_PROXY=true) it is the X-Real-IP nginx sets; otherwise
 * the last X-Forwarded-For entry, which Next's own server appends from the socket.
 */
import { config } from "../config";

export function clientAddress(headers: Pick<Headers, "get">): string | null {
  if (config().TRUST_PROXY) {
    const real = headers.get("x-real-ip")?.trim();
    if (real) return real;
  }
  const forwarded = headers.get("x-forwarded-for");
  return forwarded?.split(",").at(-1)?.trim() || null;
}
