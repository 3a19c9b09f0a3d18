import type { Locale } from "../locales";
import { en, type Messages } from "./en";
import { pt } from "./pt";

export type { Messages };

export const messages: Record<Locale, Messages> = { en, pt };

/** Fills {name} placeholders. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
}

/** The BCP 47 tag used for dates and numbers. */
export const intlLocale = (locale: Locale) => (locale === "pt" ? "pt-PT" : "en-GB");
