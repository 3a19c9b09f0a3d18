import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Presença", template: "%s · Presença" },
  description: "Class attendance with rotating QR codes.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f5132" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white text-slate-900 antialiased">{children}</body>
    </html>
  );
}
