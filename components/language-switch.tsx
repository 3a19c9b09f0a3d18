import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { KeepTypedInput } from "./keep-typed-input";

/** A plain form (no JavaScript): the server stores the choice in a cookie and sends the visitor back. */
export function LanguageSwitch({ locale, t }: { locale: Locale; t: Messages["common"] }) {
  const other: Locale = locale === "pt" ? "en" : "pt";
  return (
    <form method="post" action="/locale" id="language-switch">
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="btn-small btn rounded-md text-brand-800 underline" lang={other} aria-label={t.otherLanguageLabel}>
        {t.otherLanguage}
      </button>
      <KeepTypedInput formId="language-switch" />
    </form>
  );
}
