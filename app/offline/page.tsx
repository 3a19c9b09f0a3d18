import { messages } from "@/lib/i18n/messages";
import { locales } from "@/lib/i18n/locales";
import { RetryLink } from "./retry-link";

/**
 * What the service worker shows when a page cannot be loaded. It is cached at install, so it cannot
 * know the visitor's language: it says it in every language.
 */
export const dynamic = "force-static";

export const metadata = { title: "Offline" };

export default function Offline() {
  return (
    <main id="main" className="mx-auto grid max-w-xl gap-6 px-4 py-10">
      {locales.map((locale) => (
        <section key={locale} lang={locale} className="card" aria-labelledby={`offline-${locale}`}>
          <h1 id={`offline-${locale}`} className="text-2xl font-bold">
            {messages[locale].offline.title}
          </h1>
          <p className="mt-2">{messages[locale].offline.body}</p>
          <p className="mt-4">
            <RetryLink text={messages[locale].offline.retry} />
          </p>
        </section>
      ))}
    </main>
  );
}
