/** next-auth for the browser: e-mail + password, sessions as signed JWT cookies (any instance verifies). */
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { credentialsSchema } from "@/lib/validations/accounts";
import { config } from "../config";
import { AppError } from "../errors";
import { authenticateTeacher } from "../teachers";
import { clientAddress } from "../http/client-address";
import { safeReturnPath } from "@/lib/client/safe-return";
import { secureCookies, sessionIdOf } from "./session-cookie";
import { isSessionRevoked, revokeSession } from "./session-revocation";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  // next-auth builds its redirect URLs from NEXTAUTH_URL (else http://localhost:3000): use ours.
  process.env.NEXTAUTH_URL ??= config().PUBLIC_ORIGIN;
  options ??= {
    secret: config().AUTH_SECRET,
    useSecureCookies: secureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse({ email: raw?.email, password: raw?.password });
          if (!parsed.success) return null;
          const headers = new Headers(Object.entries(req.headers ?? {}).map(([k, v]): [string, string] => [k, String(v)]));
          try {
            const teacher = await authenticateTeacher(parsed.data, clientAddress(headers));
            return { id: teacher.id, email: teacher.email, name: teacher.name };
          } catch (err) {
            // The login form shows the code: wrong credentials and a lock-out read differently.
            if (err instanceof AppError) throw new Error(err.code);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      // Where next-auth sends the browser after signing in or out: the same rule as the login page.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeReturnPath(url, baseUrl)}`,
      // authAt: when this browser signed in, which a later password change outdates (browser-sessions.ts);
      // sid: which sign-in this is, which signing out revokes. A revoked session is not renewed: its
      // renewal carries no identity, so no copy outlives the revocation record.
      jwt: async ({ token, user }) => {
        if (user) return { ...token, sub: user.id, name: user.name, email: user.email, authAt: Date.now(), sid: randomUUID() };
        const sid = sessionIdOf(token);
        return sid && !(await isSessionRevoked(sid)) ? token : {};
      },
      session: ({ session, token }) => ({
        ...session,
        user: { ...session.user, id: token.sub, authAt: token.authAt, sid: token.sid },
      }),
    },
    events: {
      signOut: async ({ token }) => {
        const sid = sessionIdOf(token);
        if (sid) await revokeSession(sid, SESSION_MAX_AGE_SECONDS);
      },
    },
  };
  return options;
}
