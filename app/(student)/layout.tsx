import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { getMessages } from "@/server/i18n";

/** Student pages: phone first, no account, as little JavaScript as possible. */
export default async function StudentLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  return (
    <>
      <SiteHeader locale={locale} t={t.common} />
      <main id="main" className="mx-auto max-w-lg px-4 py-5">
        {children}
      </main>
    </>
  );
}
