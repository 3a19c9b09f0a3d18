import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/client/safe-return";
import { currentTeacher } from "@/server/auth/session";
import { config } from "@/server/config";
import { getMessages } from "@/server/i18n";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.auth.loginTitle };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === "string" ? callbackUrl : null, config().PUBLIC_ORIGIN);
  if (await currentTeacher()) redirect(returnTo);
  const { t } = await getMessages();
  return (
    <>
      <h1 className="text-2xl font-bold">{t.auth.loginTitle}</h1>
      <p className="mt-1 text-slate-700">{t.auth.loginLead}</p>
      <LoginForm t={t.auth} fields={t.fields} common={t.common} returnTo={returnTo} />
      <p className="mt-6">
        {t.auth.noAccount}{" "}
        <Link href="/register" className="link">
          {t.common.register}
        </Link>
      </p>
    </>
  );
}
