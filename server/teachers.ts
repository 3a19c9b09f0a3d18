/** Teacher accounts: registration, credentials, profile and password. */
import { prisma } from "./db";
import { AppError } from "./errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./auth/passwords";
import { releaseAttempt, reserveAttempt } from "./auth/login-throttle";
import { takeRegistration } from "./registration-throttle";
import { isUniqueViolation } from "./unique-violation";

export type TeacherView = { id: string; email: string; name: string; createdAt: Date };
export const teacherView = { id: true, email: true, name: true, createdAt: true } as const;

/** Under the registration throttle (registration-throttle.ts); an attempt on a taken e-mail counts too. */
export async function registerTeacher(
  input: { email: string; name: string; password: string },
  address: string | null,
): Promise<TeacherView> {
  await takeRegistration(input.email, address);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.teacher.create({ data: { email: input.email, name: input.name, passwordHash }, select: teacherView });
  } catch (err) {
    if (isUniqueViolation(err, "email"))
      throw new AppError("EMAIL_TAKEN", { errors: [{ field: "email", code: "taken", message: "is already registered" }] });
    throw err;
  }
}

/** Checks e-mail and password under the shared login throttle; throws INVALID_CREDENTIALS on failure. */
export async function authenticateTeacher(credentials: { email: string; password: string }, address: string | null): Promise<TeacherView> {
  const reservation = await reserveAttempt({ email: credentials.email, address });
  const teacher = await prisma.teacher.findUnique({ where: { email: credentials.email } });
  const ok = await verifyPassword(credentials.password, teacher?.passwordHash ?? (await dummyPasswordHash()));
  if (!teacher || !ok) throw new AppError("INVALID_CREDENTIALS");
  await releaseAttempt(reservation);
  return { id: teacher.id, email: teacher.email, name: teacher.name, createdAt: teacher.createdAt };
}

export async function getTeacher(id: string): Promise<TeacherView | null> {
  return prisma.teacher.findUnique({ where: { id }, select: teacherView });
}

/**
 * The current password, under the same throttle as logins: a stolen session or token cannot guess it.
 * Throws WRONG_PASSWORD with a field error on `currentPassword`.
 */
async function assertCurrentPassword(id: string, currentPassword: string | undefined, address: string | null) {
  const teacher = await prisma.teacher.findUniqueOrThrow({ where: { id }, select: { email: true, passwordHash: true } });
  if (currentPassword === undefined) {
    throw new AppError("VALIDATION_FAILED", { errors: [{ field: "currentPassword", code: "required", message: "is required" }] });
  }
  const reservation = await reserveAttempt({ email: teacher.email, address });
  if (!(await verifyPassword(currentPassword, teacher.passwordHash))) {
    throw new AppError("WRONG_PASSWORD", { errors: [{ field: "currentPassword", code: "wrong", message: "is wrong" }] });
  }
  await releaseAttempt(reservation);
  return teacher;
}

/**
 * A new sign-in e-mail needs the current password, checked before anything else about the e-mail: a
 * stolen session or token cannot take the account, nor learn whether an address has an account. With the
 * right password the answer says what registration says too (the e-mail is taken).
 */
export async function updateProfile(
  id: string,
  changes: { name?: string; email?: string; currentPassword?: string },
  address: string | null,
): Promise<TeacherView> {
  const { currentPassword, ...data } = changes;
  if (data.email !== undefined) {
    const current = await prisma.teacher.findUniqueOrThrow({ where: { id }, select: { email: true } });
    if (current.email !== data.email) await assertCurrentPassword(id, currentPassword, address);
  }
  try {
    return await prisma.teacher.update({ where: { id }, data, select: teacherView });
  } catch (err) {
    if (isUniqueViolation(err, "email"))
      throw new AppError("EMAIL_TAKEN", { errors: [{ field: "email", code: "taken", message: "is already registered" }] });
    throw err;
  }
}

/**
 * Needs the current password. Ends every browser session signed in before now (auth/browser-sessions.ts);
 * API tokens stay valid unless `revokeTokens` asks to revoke them all, in the same transaction.
 */
export async function changePassword(
  id: string,
  change: { currentPassword: string; newPassword: string; revokeTokens: boolean },
  address: string | null,
): Promise<TeacherView> {
  await assertCurrentPassword(id, change.currentPassword, address);
  const passwordHash = await hashPassword(change.newPassword);
  return prisma.$transaction(async (tx) => {
    if (change.revokeTokens) await tx.apiToken.updateMany({ where: { teacherId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    return tx.teacher.update({ where: { id }, data: { passwordHash, sessionsValidFrom: new Date() }, select: teacherView });
  });
}
