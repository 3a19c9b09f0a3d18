"use client";
import { useEffect, useRef, useState } from "react";
import type { Messages } from "@/lib/i18n/messages";

type State = "idle" | "starting" | "scanning" | "found" | "denied" | "noCamera" | "failed" | "notOurs";
type Controls = { stop: () => void };

/** The check-in URL a scanned text stands for, when it is one of this site's. */
function checkinPath(text: string): string | null {
  try {
    const url = new URL(text);
    return url.origin === window.location.origin && /^\/c\/[A-Za-z0-9]+$/.test(url.pathname) ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

function cameraError(err: unknown): State {
  const name = err instanceof Error ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || !navigator.mediaDevices) return "noCamera";
  return "failed";
}

/** The in-app scanner. The QR decoder is loaded only when the camera is opened. */
export function Scanner({ t }: { t: Messages["scan"] }) {
  const [state, setState] = useState<State>("idle");
  const video = useRef<HTMLVideoElement>(null);
  const controls = useRef<Controls | null>(null);

  useEffect(() => () => controls.current?.stop(), []);

  async function start() {
    setState("starting");
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error("no camera API"), { name: "NotFoundError" });
      const { BrowserQRCodeReader } = await import("@zxing/browser");
      const reader = new BrowserQRCodeReader();
      if (!video.current) return;
      controls.current = await reader.decodeFromConstraints({ video: { facingMode: "environment" } }, video.current, (result) => {
        if (!result) return;
        const path = checkinPath(result.getText());
        if (!path) {
          setState("notOurs");
          return;
        }
        controls.current?.stop();
        setState("found");
        window.location.assign(path);
      });
      setState("scanning");
    } catch (err) {
      controls.current?.stop();
      controls.current = null;
      setState(cameraError(err));
    }
  }

  function stop() {
    controls.current?.stop();
    controls.current = null;
    setState("idle");
  }

  const active = state === "starting" || state === "scanning" || state === "notOurs" || state === "found";
  const message: Partial<Record<State, { text: string; kind: string }>> = {
    starting: { text: t.starting, kind: "alert-info" },
    scanning: { text: t.scanning, kind: "alert-info" },
    found: { text: t.found, kind: "alert-success" },
    notOurs: { text: t.notOurs, kind: "alert-warn" },
    denied: { text: t.denied, kind: "alert-error" },
    noCamera: { text: t.noCamera, kind: "alert-error" },
    failed: { text: t.failed, kind: "alert-error" },
  };
  const shown = message[state];

  return (
    <div className="grid gap-3">
      <video
        ref={video}
        className={active ? "aspect-square w-full rounded-xl bg-black object-cover" : "hidden"}
        muted
        playsInline
        aria-label={t.video}
      />
      <div role="status" aria-live="polite">
        {shown ? <p className={shown.kind}>{shown.text}</p> : null}
      </div>
      {active ? (
        <button type="button" className="btn-secondary" onClick={stop}>
          {t.stop}
        </button>
      ) : (
        <button type="button" className="btn-primary min-h-14 text-lg" onClick={() => void start()}>
          {t.start}
        </button>
      )}
    </div>
  );
}
