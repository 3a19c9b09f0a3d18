import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { TeacherNav } from "@/components/teacher-nav";
import { currentTeacher } from "@/server/auth/session";
import { getMessages } from "@/server/i18n";

/** Teacher pages; each page itself requires sign-in, so it can return there after /login. */
export default async function TeacherLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, teacher] = await Promise.all([getMessages(), currentTeacher()]);
  return (
    <>
      <SiteHeader locale={locale} t={t.common} home={teacher ? "/dashboard" : "/"}>
        {teacher ? <TeacherNav t={t.common} /> : null}
      </SiteHeader>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
