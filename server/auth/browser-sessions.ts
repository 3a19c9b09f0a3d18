/**
 * Browser sessions are signed JWT cookies that any instance verifies. Two records in the database end
 * them early, checked by the API and by the pages: signing out revokes one session by its id
 * (session-revocation.ts), and a password change records when sessions became valid again, so a session
 * signed in before that moment is refused everywhere. The browser that changed the password gets a
 * fresh session cookie with the answer.
 */
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { config } from "../config";
import { prisma } from "../db";
import { teacherView, type TeacherView } from "../teachers";
import { SESSION_MAX_AGE_SECONDS } from "./next-auth";
import { secureCookies, sessionStillValid, type SessionClaims } from "./session-cookie";

/** The teacher of a session, or null when the account is gone, it was signed out, or the password changed since. */
export async function sessionTeacher(claims: SessionClaims): Promise<TeacherView | null> {
  if (!(await sessionStillValid(claims))) return null;
  return prisma.teacher.findUnique({ where: { id: claims.teacherId }, select: teacherView });
}

/** A Set-Cookie value for a new session of this teacher, as next-auth sets it at sign-in. */
export async function freshSessionCookie(teacher: TeacherView): Promise<string> {
  const secure = secureCookies();
  const value = await encode({
    token: { sub: teacher.id, name: teacher.name, email: teacher.email, authAt: Date.now(), sid: randomUUID() },
    secret: config().AUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  return `${name}=${value}; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
