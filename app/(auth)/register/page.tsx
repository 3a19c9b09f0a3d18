import type { Metadata } from "next";
import Link from "next/link";
import { getMessages } from "@/server/i18n";
import { RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.auth.registerTitle };
}

export default async function RegisterPage() {
  const { t } = await getMessages();
  return (
    <>
      <h1 className="text-2xl font-bold">{t.auth.registerTitle}</h1>
      <p className="mt-1 text-slate-700">{t.auth.registerLead}</p>
      <RegisterForm t={t.auth} fields={t.fields} common={t.common} />
      <p className="mt-6">
        {t.auth.haveAccount}{" "}
        <Link href="/login" className="link">
          {t.common.signIn}
        </Link>
      </p>
    </>
  );
}
