/**
 * The client's address. Behind our nginx (TRUST_PROXY=true) it is the X-Real-IP nginx sets; otherwise
 * the last X-Forwarded-For entry, which the production entry sets from the socket (pinClientAddress).
 */
import type { IncomingHttpHeaders } from "node:http";
import { config } from "../config";

export function clientAddress(headers: Pick<Headers, "get">): string | null {
  if (config().TRUST_PROXY) {
    const real = headers.get("x-real-ip")?.trim();
    if (real) return real;
  }
  const forwarded = headers.get("x-forwarded-for");
  return forwarded?.split(",").at(-1)?.trim() || null;
}

/**
 * With no trusted proxy in front, what a client wrote in X-Forwarded-For or X-Real-IP is only its own
 * claim (Next keeps a given X-Forwarded-For as it is), and the login throttle would count failures
 * wherever it says. The production entry replaces both with the socket's address before anything reads them.
 */
export function pinClientAddress(headers: IncomingHttpHeaders, socketAddress: string | undefined): void {
  delete headers["x-real-ip"];
  if (socketAddress) headers["x-forwarded-for"] = socketAddress;
  else delete headers["x-forwarded-for"];
}
