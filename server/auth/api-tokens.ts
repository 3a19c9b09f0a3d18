/**
 * Personal API tokens: `prs_` + 32 random bytes. Only a SHA-256 of the token is stored, so a leaked
 * database does not leak usable tokens; the token is shown once, when created.
 */
import { randomBytes } from "node:crypto";
import { prisma } from "../db";
import { notFound } from "../errors";
import { API_TOKEN_PREFIX as PREFIX, hashApiToken as hash } from "./bearer";

export type ApiTokenView = { id: string; label: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

const view = { id: true, label: true, prefix: true, createdAt: true, lastUsedAt: true } as const;

export async function createApiToken(teacherId: string, label: string): Promise<ApiTokenView & { token: string }> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const row = await prisma.apiToken.create({
    data: { teacherId, label, tokenHash: hash(token), prefix: token.slice(0, PREFIX.length + 6) },
    select: view,
  });
  return { ...row, token };
}

export function listApiTokens(teacherId: string): Promise<ApiTokenView[]> {
  return prisma.apiToken.findMany({
    where: { teacherId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: view,
  });
}

export async function revokeApiToken(teacherId: string, id: string): Promise<void> {
  const { count } = await prisma.apiToken.updateMany({
    where: { id, teacherId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("token");
}
