"use client";
/**
 * A sheet as it changes: its entries, status and count, kept current by the sheet's live stream
 * (`GET /api/sheets/{id}/events`, Server-Sent Events). The page renders the sheet at a version (its
 * change number) and the stream sends what came after it, then each change as it happens; EventSource
 * reconnects by itself and resumes from the last change it received. A connection lost for more than a
 * moment is shown, and recovers by itself. Where a stream cannot be held (it keeps failing before it
 * opens), the hook falls back to polling the list with If-None-Match: an unchanged poll is a bodiless
 * 304 that costs the server one indexed read.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, apiFetch } from "./api";

export type Attendance = {
  id: string;
  studentNumber: string;
  name: string;
  method: "qr" | "code" | "teacher";
  createdAt: string;
  removedAt: string | null;
};

export type SheetStatus = "open" | "closed";

export type SheetChange = {
  seq: number;
  kind: "added" | "removed" | "restored" | "edited" | "closed" | "reopened";
  count: number;
  entry: Attendance | null;
};

export type LiveSheet = { items: Attendance[]; seq: number; status: SheetStatus; count: number };

const PAGE = 1000;
const POLL_VISIBLE_MS = 2000;
const POLL_HIDDEN_MS = 10_000;
/** A reconnection quicker than this (the stream's planned end, a drained instance) is not shown. */
const LOST_AFTER_MS = 3000;
const REOPEN_MS = 2000;
/** Streams that fail this many times in a row without opening: poll instead. */
const FAILURES_BEFORE_POLLING = 3;
/** While polling, a stream is tried again this often (the server or network may be back). */
const STREAM_RETRY_MS = 60_000;
/**
 * A stream ends by itself within about five and a half minutes (LIVE_STREAM_SECONDS + 10 %), and
 * EventSource then opens it again: a stream silent for longer is a dead connection nobody noticed.
 */
const SILENT_STREAM_MS = 6 * 60_000;

const byArrival = (a: Attendance, b: Attendance) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The list after one change; changes are upserts by entry id, so applying one twice changes nothing. */
export function applyChange(items: Attendance[], change: SheetChange): Attendance[] {
  const entry = change.entry;
  if (!entry) return items;
  const rest = items.filter((a) => a.id !== entry.id);
  if (entry.removedAt) return rest.length === items.length ? items : rest;
  const next = [...rest, entry];
  const last = rest[rest.length - 1];
  return last && byArrival(last, entry) > 0 ? next.sort(byArrival) : next;
}

export function useLiveSheet(sheetId: string, initial: LiveSheet) {
  const [items, setItems] = useState(initial.items);
  const [status, setStatus] = useState(initial.status);
  const [count, setCount] = useState(initial.count);
  const [connected, setConnected] = useState(true);
  const seq = useRef(initial.seq);

  const apply = useCallback((change: SheetChange) => {
    if (change.seq <= seq.current) return;
    seq.current = change.seq;
    setCount(change.count);
    if (change.kind === "closed") setStatus("closed");
    else if (change.kind === "reopened") setStatus("open");
    else setItems((list) => applyChange(list, change));
  }, []);

  const poll = useCallback(
    async (etag: string | null): Promise<string | null> => {
      type Page = { items: Attendance[]; nextCursor: string | null; sheetStatus: SheetStatus };
      const url = (cursor: string | null) =>
        `/api/sheets/${sheetId}/attendances?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const response = await apiFetch(url(null), { headers: etag ? { "if-none-match": etag } : {} });
      if (response.status === 304) return etag;
      const first = (await response.json()) as Page;
      const all = [...first.items];
      for (let cursor = first.nextCursor; cursor;) {
        const next = await api<Page>(url(cursor));
        all.push(...next.items);
        cursor = next.nextCursor;
      }
      setItems(all);
      setCount(all.length);
      setStatus(first.sheetStatus);
      return first.nextCursor ? null : response.headers.get("etag");
    },
    [sheetId],
  );

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let lostTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const streams = typeof EventSource !== "undefined";
    let polling = !streams;
    let lastStreamTry = 0;

    const lostSoon = () => {
      lostTimer ??= setTimeout(() => setConnected(false), LOST_AFTER_MS);
    };
    const isConnected = () => {
      clearTimeout(lostTimer);
      lostTimer = undefined;
      setConnected(true);
    };

    let etag: string | null = null;
    const pollOnce = async () => {
      clearTimeout(pollTimer);
      if (stopped) return;
      try {
        etag = await poll(etag);
        isConnected();
        if (streams && performance.now() - lastStreamTry > STREAM_RETRY_MS) {
          polling = false;
          failures = FAILURES_BEFORE_POLLING - 1;
          open();
          return;
        }
      } catch {
        setConnected(false);
      }
      if (!stopped) pollTimer = setTimeout(() => void pollOnce(), document.hidden ? POLL_HIDDEN_MS : POLL_VISIBLE_MS);
    };

    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        drop();
        open();
      }, SILENT_STREAM_MS);
    };
    const drop = () => {
      clearTimeout(watchdog);
      source?.close();
      source = null;
    };

    function open() {
      if (stopped) return;
      lastStreamTry = performance.now();
      source = new EventSource(`/api/sheets/${sheetId}/events?after=${seq.current}`);
      alive();
      source.onopen = () => {
        failures = 0;
        alive();
        isConnected();
      };
      source.onmessage = (event: MessageEvent<string>) => {
        alive();
        apply(JSON.parse(event.data) as SheetChange);
      };
      source.onerror = () => {
        lostSoon();
        // CONNECTING: the browser reconnects by itself, with Last-Event-ID. CLOSED: it gave up (an error
        // status or not a stream); try again a few times, then poll.
        if (source?.readyState !== EventSource.CLOSED) return;
        drop();
        failures += 1;
        if (failures >= FAILURES_BEFORE_POLLING) {
          polling = true;
          void pollOnce();
        } else {
          reopenTimer = setTimeout(open, REOPEN_MS);
        }
      };
    }

    const wake = () => {
      if (document.hidden || stopped) return;
      if (polling) void pollOnce();
      else if (!source) {
        clearTimeout(reopenTimer);
        open();
      }
    };
    // The browser knows it lost the network before any connection times out: say so at once.
    const offline = () => {
      if (!polling) drop();
      setConnected(false);
    };
    if (polling) void pollOnce();
    else open();
    document.addEventListener("visibilitychange", wake);
    window.addEventListener("online", wake);
    window.addEventListener("offline", offline);
    return () => {
      stopped = true;
      drop();
      window.removeEventListener("offline", offline);
      clearTimeout(lostTimer);
      clearTimeout(reopenTimer);
      clearTimeout(pollTimer);
      document.removeEventListener("visibilitychange", wake);
      window.removeEventListener("online", wake);
    };
  }, [sheetId, apply, poll]);

  return { items, setItems, status, setStatus, count, connected };
}
