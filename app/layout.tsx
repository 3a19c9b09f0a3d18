import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { RegisterServiceWorker } from "@/components/register-service-worker";
import { getMessages } from "@/server/i18n";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return {
    title: { default: "Presença", template: "%s · Presença" },
    description: t.meta.description,
    applicationName: "Presença",
    appleWebApp: { capable: true, title: "Presença", statusBarStyle: "default" },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#065f46" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await getMessages();
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">
        {children}
        <RegisterServiceWorker />
      </body>
    </html>
  );
}
