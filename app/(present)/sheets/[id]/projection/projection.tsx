"use client";
import Link from "next/link";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { api } from "@/lib/client/api";
import { useLiveAttendances } from "@/lib/client/use-live-attendances";
import { format, type Messages } from "@/lib/i18n/messages";

type Qr = { url: string; digits: string; expiresAt: string; serverTime: string; windowSeconds: number; status: "open" | "closed" };
type Shown = { url: string; svg: string; digits: string; status: "open" | "closed"; msLeft: number };

type Props = {
  sheet: { id: string; code: string; summary: string; courseUnit: { code: string; name: string } };
  host: string;
  t: Messages["projection"];
};

const RETRY_MS = 2000;
// Asking a moment after the server's rotation makes sure the server has moved to the new window.
const AFTER_ROTATION_MS = 150;

/**
 * The projected QR. Rotation follows the server's clock: each answer says how long its code has left
 * (expiresAt − serverTime), and the next request is timed from that, measured with the monotonic
 * performance clock. The laptop's own date and time are never used, so a wrong laptop clock changes
 * nothing.
 */
export function Projection({ sheet, host, t }: Props) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [stale, setStale] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const { items } = useLiveAttendances(sheet.id, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refresh = async () => {
      clearTimeout(timer);
      const sentAt = performance.now();
      try {
        const qr = await api<Qr>(`/api/sheets/${sheet.id}/qr`);
        const halfTrip = (performance.now() - sentAt) / 2;
        const msLeft = Math.max(0, Date.parse(qr.expiresAt) - Date.parse(qr.serverTime) - halfTrip);
        const svg = await QRCode.toString(qr.url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
        if (stopped) return;
        setShown({ url: qr.url, svg, digits: qr.digits, status: qr.status, msLeft });
        setStale(false);
        timer = setTimeout(refresh, msLeft + AFTER_ROTATION_MS);
      } catch {
        if (stopped) return;
        setStale(true);
        timer = setTimeout(refresh, RETRY_MS);
      }
    };
    // Timers sleep in background tabs: coming back shows a fresh code at once.
    const wake = () => {
      if (!document.hidden) void refresh();
    };
    void refresh();
    document.addEventListener("visibilitychange", wake);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [sheet.id]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };

  const closed = shown?.status === "closed";
  return (
    <main id="main" className="flex min-h-dvh flex-col bg-white">
      <div className="flex items-center justify-between gap-2 px-4 py-2 text-sm">
        <Link href={`/sheets/${sheet.id}`} className="link">
          {t.back}
        </Link>
        <h1 className="truncate text-base font-semibold text-slate-700">
          {sheet.courseUnit.code} · {sheet.courseUnit.name}
          {sheet.summary ? ` — ${sheet.summary}` : ""}
        </h1>
        <button type="button" className="btn-secondary btn-small" onClick={toggleFullscreen}>
          {fullscreen ? t.exitFullscreen : t.fullscreen}
        </button>
      </div>
      <div role="status" aria-live="polite" className="px-4">
        {stale ? <p className="alert-warn text-lg">{t.stale}</p> : null}
      </div>
      <div className="flex flex-1 flex-col items-center justify-center gap-[3vmin] p-[2vmin] landscape:flex-row">
        {closed ? (
          <p className="alert-info max-w-3xl text-[4vmin]">{t.closed}</p>
        ) : (
          <figure className="m-0 flex flex-col items-center">
            <div
              role="img"
              aria-label={t.qrLabel}
              data-url={shown?.url}
              className="aspect-square w-[min(82vh,52vw)] bg-white portrait:w-[88vw] [&>svg]:h-full [&>svg]:w-full"
              dangerouslySetInnerHTML={shown ? { __html: shown.svg } : undefined}
            />
            {shown ? (
              <div aria-hidden="true" className="mt-[1vmin] h-[0.8vmin] w-full overflow-hidden rounded bg-slate-200 motion-reduce:hidden">
                <div key={shown.url} className="h-full bg-brand-700 animate-[countdown_linear_forwards]" style={{ animationDuration: `${shown.msLeft}ms` }} />
              </div>
            ) : null}
          </figure>
        )}
        <div className="flex flex-col items-center gap-[2vmin] text-center landscape:items-start landscape:text-left">
          <p className="text-[4.5vmin] font-bold text-brand-800">{t.scanInstruction}</p>
          <p className="text-[3vmin] text-slate-700">{format(t.typeInstruction, { host })}</p>
          <dl className="grid grid-cols-[auto_auto] items-baseline gap-x-[2vmin] gap-y-[1vmin]">
            <dt className="text-[3vmin] text-slate-700">{t.code}</dt>
            <dd className="m-0 font-mono text-[9vmin] leading-none font-bold tracking-[0.12em]">{sheet.code}</dd>
            <dt className="text-[3vmin] text-slate-700">{t.digits}</dt>
            <dd className="m-0 font-mono text-[9vmin] leading-none font-bold tracking-[0.12em]" data-testid="digits">
              {closed ? "—" : (shown?.digits ?? "····")}
            </dd>
          </dl>
          <p className="text-[4vmin]">
            <span className="font-bold">{items.length}</span> {t.present}
          </p>
        </div>
      </div>
    </main>
  );
}
