/** The signed-in teacher of a page; pages behind sign-in redirect to /login and come back after. */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { TeacherView } from "../teachers";
import { sessionTeacher } from "./browser-sessions";
import { sessionIdOf, signedInAt } from "./session-cookie";
import { authOptions } from "./next-auth";

export const currentTeacher = cache(async (): Promise<TeacherView | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; authAt?: number; sid?: string } | undefined;
  const sessionId = user ? sessionIdOf(user) : null;
  return user?.id && sessionId ? sessionTeacher({ teacherId: user.id, authAt: signedInAt(user), sessionId }) : null;
});

export async function requireTeacher(returnTo: string): Promise<TeacherView> {
  const teacher = await currentTeacher();
  if (!teacher) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return teacher;
}
