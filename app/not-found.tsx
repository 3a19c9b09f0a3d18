import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { getMessages } from "@/server/i18n";

export default async function NotFound() {
  const { locale, t } = await getMessages();
  return (
    <>
      <SiteHeader locale={locale} t={t.common} />
      <main id="main" className="mx-auto max-w-xl px-4 py-10">
        <h1 className="text-2xl font-bold">{t.notFound.title}</h1>
        <p className="mt-2">{t.notFound.body}</p>
        <p className="mt-4">
          <Link href="/" className="link">
            {t.common.home}
          </Link>
        </p>
      </main>
    </>
  );
}
