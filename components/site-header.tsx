import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { LanguageSwitch } from "./language-switch";

/** The bar on top of every page but the projection. `children` adds links before the language switch. */
export function SiteHeader({
  locale,
  t,
  home = "/",
  children,
}: {
  locale: Locale;
  t: Messages["common"];
  home?: string;
  children?: ReactNode;
}) {
  return (
    <header className="border-b border-slate-300 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2"
      >
        {t.skipToContent}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href={home} className="text-xl font-bold text-brand-800 no-underline">
          Presença
        </Link>
        <nav aria-label={t.mainNav} className="flex flex-wrap items-center gap-1">
          {children}
          <LanguageSwitch locale={locale} t={t} />
        </nav>
      </div>
    </header>
  );
}
