/**
 * Who is calling: a bearer API token, or the next-auth session cookie of the browser. Both checks are
 * one indexed read on the shared pool, without the ORM: every authenticated request (and every poll of a
 * page) goes through here.
 */
import { authenticateApiToken } from "./bearer";
import { sessionClaims, sessionStillValid } from "./session-cookie";

export type Caller = { teacherId: string; via: "token"; tokenId: string } | { teacherId: string; via: "session" };

export async function authenticateRequest(headers: { get(name: string): string | null }): Promise<Caller | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const found = match?.[1] ? await authenticateApiToken(match[1]) : null;
    return found ? { teacherId: found.teacherId, via: "token", tokenId: found.tokenId } : null;
  }
  const claims = await sessionClaims(headers.get("cookie"));
  if (!claims) return null;
  return (await sessionStillValid(claims)) ? { teacherId: claims.teacherId, via: "session" } : null;
}
