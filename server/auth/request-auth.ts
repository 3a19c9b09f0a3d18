/** Who is calling: a bearer API token, or the next-auth session cookie of the browser. */
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { config } from "../config";
import { authenticateApiToken } from "./api-tokens";
import { sessionTeacher, signedInAt } from "./browser-sessions";
import { secureCookies } from "./next-auth";

export type Caller = { teacherId: string; via: "token"; tokenId: string } | { teacherId: string; via: "session" };

export async function authenticateRequest(request: NextRequest): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const found = match?.[1] ? await authenticateApiToken(match[1]) : null;
    return found ? { teacherId: found.teacherId, via: "token", tokenId: found.tokenId } : null;
  }
  const jwt = await getToken({ req: request, secret: config().AUTH_SECRET, secureCookie: secureCookies() });
  if (!jwt?.sub) return null;
  return (await sessionTeacher(jwt.sub, signedInAt(jwt))) ? { teacherId: jwt.sub, via: "session" } : null;
}
