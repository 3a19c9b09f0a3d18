/** Teacher accounts: registration, credentials, profile and password. */
import { prisma } from "./db";
import { AppError } from "./errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./auth/passwords";
import { assertNotLocked, recordFailure, recordSuccess } from "./auth/login-throttle";
import { isUniqueViolation } from "./unique-violation";

export type TeacherView = { id: string; email: string; name: string; createdAt: Date };
export const teacherView = { id: true, email: true, name: true, createdAt: true } as const;

export async function registerTeacher(input: { email: string; name: string; password: string }): Promise<TeacherView> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.teacher.create({ data: { email: input.email, name: input.name, passwordHash }, select: teacherView });
  } catch (err) {
    if (isUniqueViolation(err, "email")) throw new AppError("EMAIL_TAKEN", { errors: [{ field: "email", code: "taken", message: "is already registered" }] });
    throw err;
  }
}

/** Checks e-mail and password under the shared login throttle; throws INVALID_CREDENTIALS on failure. */
export async function authenticateTeacher(
  credentials: { email: string; password: string },
  address: string | null,
): Promise<TeacherView> {
  const keys = { email: credentials.email, address };
  await assertNotLocked(keys);
  const teacher = await prisma.teacher.findUnique({ where: { email: credentials.email } });
  const ok = await verifyPassword(credentials.password, teacher?.passwordHash ?? (await dummyPasswordHash()));
  if (!teacher || !ok) {
    await recordFailure(keys);
    throw new AppError("INVALID_CREDENTIALS");
  }
  await recordSuccess(keys);
  return { id: teacher.id, email: teacher.email, name: teacher.name, createdAt: teacher.createdAt };
}

export async function getTeacher(id: string): Promise<TeacherView | null> {
  return prisma.teacher.findUnique({ where: { id }, select: teacherView });
}

export async function updateProfile(id: string, changes: { name?: string; email?: string }): Promise<TeacherView> {
  try {
    return await prisma.teacher.update({ where: { id }, data: changes, select: teacherView });
  } catch (err) {
    if (isUniqueViolation(err, "email")) throw new AppError("EMAIL_TAKEN", { errors: [{ field: "email", code: "taken", message: "is already registered" }] });
    throw err;
  }
}

/** Needs the current password, under the same throttle as logins: a stolen session cannot guess it. */
export async function changePassword(id: string, currentPassword: string, newPassword: string, address: string | null): Promise<TeacherView> {
  const teacher = await prisma.teacher.findUniqueOrThrow({ where: { id }, select: { email: true, passwordHash: true } });
  const keys = { email: teacher.email, address };
  await assertNotLocked(keys);
  if (!(await verifyPassword(currentPassword, teacher.passwordHash))) {
    await recordFailure(keys);
    throw new AppError("WRONG_PASSWORD", { errors: [{ field: "currentPassword", code: "wrong", message: "is wrong" }] });
  }
  await recordSuccess(keys);
  // Ends every browser session signed in before now (auth/browser-sessions.ts); API tokens stay valid.
  return prisma.teacher.update({
    where: { id },
    data: { passwordHash: await hashPassword(newPassword), sessionsValidFrom: new Date() },
    select: teacherView,
  });
}
