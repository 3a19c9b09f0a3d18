import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { getMessages } from "@/server/i18n";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  return (
    <>
      <SiteHeader locale={locale} t={t.common} />
      <main id="main" className="mx-auto max-w-md px-4 py-8">
        {children}
      </main>
    </>
  );
}
