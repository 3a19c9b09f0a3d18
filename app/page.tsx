import Link from "next/link";
import { CodeForm } from "@/components/code-form";
import { SiteHeader } from "@/components/site-header";
import { currentTeacher } from "@/server/auth/session";
import { getMessages } from "@/server/i18n";

export default async function Home() {
  const [{ locale, t }, teacher] = await Promise.all([getMessages(), currentTeacher()]);
  return (
    <>
      <SiteHeader locale={locale} t={t.common}>
        {teacher ? (
          <Link href="/dashboard" className="btn btn-small text-brand-800 underline">
            {t.common.dashboard}
          </Link>
        ) : null}
      </SiteHeader>
      <main id="main" className="mx-auto grid max-w-3xl gap-6 px-4 py-6">
        <section className="card" aria-labelledby="home-title">
          <h1 id="home-title" className="text-2xl font-bold sm:text-3xl">
            {t.home.title}
          </h1>
          <p className="mt-2 text-slate-700">{t.home.lead}</p>
          <p className="mt-4">
            <Link href="/scan" className="btn-primary w-full sm:w-auto">
              {t.home.scan}
            </Link>
          </p>
          <h2 className="mt-6 mb-3 text-lg font-semibold">{t.home.typeTitle}</h2>
          <CodeForm t={t.home} fields={t.fields} />
        </section>
        <section className="card" aria-labelledby="teachers-title">
          <h2 id="teachers-title" className="text-lg font-semibold">
            {t.home.teachers}
          </h2>
          <p className="mt-1 text-slate-700">{t.home.teachersLead}</p>
          <p className="mt-4 flex flex-wrap gap-3">
            {teacher ? (
              <Link href="/dashboard" className="btn-secondary">
                {t.home.goToDashboard}
              </Link>
            ) : (
              <>
                <Link href="/login" className="btn-secondary">
                  {t.common.signIn}
                </Link>
                <Link href="/register" className="btn-secondary">
                  {t.common.register}
                </Link>
              </>
            )}
          </p>
          <p className="mt-4">
            {/* Swagger UI is served by a route handler, not a page: a full navigation, not <Link>. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/api/documentation" className="link">
              {t.home.api}
            </a>
          </p>
        </section>
      </main>
    </>
  );
}
