import type { Metadata } from "next";
import { CodeForm } from "@/components/code-form";
import { getMessages } from "@/server/i18n";
import { Scanner } from "./scanner";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.scan.title };
}

export default async function ScanPage() {
  const { t } = await getMessages();
  return (
    <div className="grid gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t.scan.title}</h1>
        <p className="mt-1 text-slate-700">{t.scan.lead}</p>
      </div>
      <Scanner t={t.scan} />
      <section className="card" aria-labelledby="type-title">
        <h2 id="type-title" className="mb-3 text-lg font-semibold">
          {t.home.typeTitle}
        </h2>
        <CodeForm t={t.home} fields={t.fields} idPrefix="scan" />
      </section>
    </div>
  );
}
