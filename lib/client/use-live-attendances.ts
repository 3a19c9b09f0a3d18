"use client";
/**
 * The live attendance list, and the sheet's status with it: conditional polling of the list with
 * If-None-Match. Unchanged lists cost a
 * 304 with no body; any instance answers, since the ETag is derived from the rows in PostgreSQL. Polling
 * every second keeps a check-in on screen within 2 s; a hidden tab polls slowly and catches up at once
 * when shown again. A list longer than one page is read page by page on every poll: the ETag covers only
 * the first page, where later arrivals do not show.
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

const PAGE = 1000;
const VISIBLE_MS = 1000;
const HIDDEN_MS = 10_000;

export type SheetStatus = "open" | "closed";

export function useLiveAttendances(sheetId: string, initial: Attendance[]) {
  const [items, setItems] = useState(initial);
  const [sheetStatus, setSheetStatus] = useState<SheetStatus | null>(null);
  const [connected, setConnected] = useState(true);
  const etag = useRef<string | null>(null);

  const poll = useCallback(async () => {
    type Page = { items: Attendance[]; nextCursor: string | null; sheetStatus: SheetStatus };
    const url = (cursor: string | null) =>
      `/api/sheets/${sheetId}/attendances?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    try {
      const response = await apiFetch(url(null), { headers: etag.current ? { "if-none-match": etag.current } : {} });
      setConnected(true);
      if (response.status === 304) return;
      const first = (await response.json()) as Page;
      const all = [...first.items];
      for (let cursor = first.nextCursor; cursor; ) {
        const next = await api<Page>(url(cursor));
        all.push(...next.items);
        cursor = next.nextCursor;
      }
      etag.current = first.nextCursor ? null : response.headers.get("etag");
      setItems(all);
      setSheetStatus(first.sheetStatus);
    } catch {
      setConnected(false);
    }
  }, [sheetId]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let inFlight = false;
    const tick = async () => {
      clearTimeout(timer);
      if (inFlight || stopped) return;
      inFlight = true;
      await poll();
      inFlight = false;
      if (!stopped) timer = setTimeout(tick, document.hidden ? HIDDEN_MS : VISIBLE_MS);
    };
    const wake = () => {
      if (!document.hidden) void tick();
    };
    void tick();
    document.addEventListener("visibilitychange", wake);
    window.addEventListener("online", wake);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", wake);
      window.removeEventListener("online", wake);
    };
  }, [poll]);

  return { items, setItems, sheetStatus, connected, refresh: poll };
}
