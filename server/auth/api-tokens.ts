/**
 * Personal API tokens: `prs_` + 32 random bytes. Only a SHA-256 of the token is stored, so a leaked
 * database does not leak usable tokens; the token is shown once, when created.
 */
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "../db";
import { notFound } from "../errors";

const PREFIX = "prs_";
const hash = (token: string) => createHash("sha256").update(token).digest("base64url");

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

/** The teacher and token ids a bearer token stands for, or null when it is unknown or revoked. */
export async function authenticateApiToken(token: string): Promise<{ teacherId: string; tokenId: string } | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hash(token) },
    select: { id: true, teacherId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  // Recording every use would turn each read into a write; a minute's precision is enough.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { teacherId: row.teacherId, tokenId: row.id };
}
