"use client";
import Link from "next/link";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { api } from "@/lib/client/api";
import { useLiveSheet, type LiveSheet } from "@/lib/client/use-live-attendances";
import { format, type Messages } from "@/lib/i18n/messages";

type Code = { url: string; digits: string; startsAt: string; expiresAt: string };
type Qr = Code & { serverTime: string; windowSeconds: number; next: Code };
type Prepared = { url: string; svg: string; digits: string; startsAt: number; expiresAt: number };
type Shown = Prepared & { msLeft: number };

type Props = {
  sheet: { id: string; code: string; summary: string; courseUnit: { code: string; name: string } };
  live: LiveSheet;
  host: string;
  t: Messages["projection"];
};

const RETRY_MS = 2000;

/**
 * The projected QR. Rotation follows the server's clock, never the laptop's date and time: each answer
 * gives the current and the next code with when each starts, and the server's time, which is carried on
 * with the monotonic performance clock. The page switches to the next code at the boundary by itself,
 * and asks for more at a random moment of the next window, so the projections of a whole faculty never
 * ask at the same instant. Closing and reopening arrive through the sheet's live stream.
 */
export function Projection({ sheet, live, host, t }: Props) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [stale, setStale] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const { status, count } = useLiveSheet(sheet.id, live);
  const closed = status === "closed";

  useEffect(() => {
    if (closed) return;
    let fetchTimer: ReturnType<typeof setTimeout> | undefined;
    let switchTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let codes: Prepared[] = [];
    // The server's time now, from the last answer's serverTime carried on by the monotonic clock.
    let clock: { serverMs: number; at: number } | null = null;
    const serverNow = () => (clock ? clock.serverMs + (performance.now() - clock.at) : 0);

    const show = () => {
      clearTimeout(switchTimer);
      const now = serverNow();
      const current = codes.find((c) => c.startsAt <= now && now < c.expiresAt);
      if (!current) {
        setStale(true);
        return;
      }
      setShown({ ...current, msLeft: current.expiresAt - now });
      setStale(false);
      switchTimer = setTimeout(show, current.expiresAt - now);
    };

    const prepare = async (code: Code): Promise<Prepared> => ({
      url: code.url,
      digits: code.digits,
      startsAt: Date.parse(code.startsAt),
      expiresAt: Date.parse(code.expiresAt),
      svg: await QRCode.toString(code.url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }),
    });

    const refresh = async () => {
      clearTimeout(fetchTimer);
      const sentAt = performance.now();
      try {
        const qr = await api<Qr>(`/api/sheets/${sheet.id}/qr`);
        const receivedAt = performance.now();
        const prepared = await Promise.all([prepare(qr), prepare(qr.next)]);
        if (stopped) return;
        clock = { serverMs: Date.parse(qr.serverTime) + (receivedAt - sentAt) / 2, at: receivedAt };
        codes = prepared;
        show();
        // Ask again at a random moment of the next window (10–80 % into it).
        const next = prepared[1];
        const askAt = next ? next.startsAt + (0.1 + Math.random() * 0.7) * qr.windowSeconds * 1000 : serverNow() + RETRY_MS;
        fetchTimer = setTimeout(() => void refresh(), Math.max(0, askAt - serverNow()));
      } catch {
        if (stopped) return;
        show();
        fetchTimer = setTimeout(() => void refresh(), RETRY_MS);
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
      clearTimeout(fetchTimer);
      clearTimeout(switchTimer);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [sheet.id, closed]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };

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
                <div
                  key={shown.url}
                  className="h-full bg-brand-700 animate-[countdown_linear_forwards]"
                  style={{ animationDuration: `${shown.msLeft}ms` }}
                />
              </div>
            ) : null}
          </figure>
        )}
        <div className="flex flex-col items-center gap-[2vmin] text-center landscape:items-start landscape:text-left">
          {/* A closed sheet invites nobody: the room sees only that it is closed, and the count. */}
          {closed ? null : (
            <>
              <p className="text-[4.5vmin] font-bold text-brand-800">{t.scanInstruction}</p>
              <p className="text-[4.5vmin] text-slate-800" data-testid="type-instruction">
                {format(t.typeInstruction, { host })}
              </p>
              <dl className="grid grid-cols-[auto_auto] items-baseline gap-x-[2vmin] gap-y-[1vmin]">
                <dt className="text-[4vmin] text-slate-800">{t.code}</dt>
                <dd className="m-0 font-mono text-[9vmin] leading-none font-bold tracking-[0.12em]">{sheet.code}</dd>
                <dt className="text-[4vmin] text-slate-800">{t.digits}</dt>
                <dd className="m-0 font-mono text-[9vmin] leading-none font-bold tracking-[0.12em]" data-testid="digits">
                  {shown?.digits ?? "····"}
                </dd>
              </dl>
            </>
          )}
          <p className="text-[4vmin]">
            <span className="font-bold" data-testid="count">
              {count}
            </span>{" "}
            {t.present}
          </p>
        </div>
      </div>
    </main>
  );
}
