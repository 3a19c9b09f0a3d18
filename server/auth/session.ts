/** The signed-in teacher of a page; pages behind sign-in redirect to /login and come back after. */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { databaseUnreachable } from "../database-reach";
import { AppError } from "../errors";
import type { TeacherView } from "../teachers";
import { sessionTeacher } from "./browser-sessions";
import { sessionIdOf, signedInAt } from "./session-cookie";
import { authOptions } from "./next-auth";

export const currentTeacher = cache(async (): Promise<TeacherView | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; authAt?: number; sid?: string } | undefined;
  const sessionId = user ? sessionIdOf(user) : null;
  if (user?.id && sessionId) return sessionTeacher({ teacherId: user.id, authAt: signedInAt(user), sessionId });
  // next-auth reads a session it could not check (the revocation look-up failed) as none: without the
  // database that is an outage (503, and nginx tries another instance), not a reason to sign anyone out.
  if (databaseUnreachable()) throw new AppError("SERVICE_UNAVAILABLE");
  return null;
});

export async function requireTeacher(returnTo: string): Promise<TeacherView> {
  const teacher = await currentTeacher();
  if (!teacher) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return teacher;
}
