/**
 * Browser sessions are signed JWT cookies that any instance verifies without the database, so they
 * cannot be revoked one by one. A password change records instead when sessions became valid again:
 * a session signed in before that moment is refused everywhere, by the API and by the pages. The
 * browser that made the change gets a fresh session cookie with the answer.
 */
import { encode } from "next-auth/jwt";
import { config } from "../config";
import { prisma } from "../db";
import { teacherView, type TeacherView } from "../teachers";
import { SESSION_MAX_AGE_SECONDS } from "./next-auth";
import { secureCookies } from "./session-cookie";

/** The teacher of a session, or null when the account is gone or its password changed after sign-in. */
export async function sessionTeacher(teacherId: string, authAt: number): Promise<TeacherView | null> {
  const teacher = await prisma.teacher.findUnique({
    where: { id: teacherId },
    select: { ...teacherView, sessionsValidFrom: true },
  });
  if (!teacher) return null;
  const { sessionsValidFrom, ...view } = teacher;
  if (sessionsValidFrom && authAt < sessionsValidFrom.getTime()) return null;
  return view;
}

/** A Set-Cookie value for a new session of this teacher, as next-auth sets it at sign-in. */
export async function freshSessionCookie(teacher: TeacherView): Promise<string> {
  const secure = secureCookies();
  const value = await encode({
    token: { sub: teacher.id, name: teacher.name, email: teacher.email, authAt: Date.now() },
    secret: config().AUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  return `${name}=${value}; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
