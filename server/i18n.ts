/** The language of a page: the visitor's choice (a cookie set by the switch), else their browser's. */
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { locales, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { messages, type Messages } from "@/lib/i18n/messages";

export const LOCALE_COOKIE = "locale";

export const isLocale = (value: string | undefined): value is Locale => locales.some((l) => l === value);

export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
});

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: messages[locale] };
}
