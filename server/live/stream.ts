/**
 * A live stream of one sheet for its owner: the changes the client is missing (after the `Last-Event-ID`
 * it sends back, or after the version it rendered, or all of them), then each change as it happens.
 * Ownership is checked when the stream opens; the stream ends after LIVE_STREAM_SECONDS (± 10 %, so a
 * room of screens does not reconnect at once) and the client reconnects, authenticating again.
 */
import { config } from "../config";
import type { EventStreamReply } from "../http/endpoint";
import { ownedSheetVersion } from "./changes";
import { hub, type Sink } from "./hub";
import { retryFrame } from "./sse";

/** How long a browser waits before reconnecting after a lost connection. */
const RETRY_MS = 2000;

/** `Last-Event-ID` as sent back by EventSource: a sequence number, or nothing usable. */
export function parseLastEventId(value: string | null): number | undefined {
  return value !== null && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

export async function openSheetStream(teacherId: string, sheetId: string, after: number): Promise<EventStreamReply> {
  const version = await ownedSheetVersion(teacherId, sheetId);
  // A position past the sheet's history is not from this database's history: send everything.
  const from = after > version.seq ? 0 : after;
  const lifetimeMs = config().LIVE_STREAM_SECONDS * 1000 * (0.9 + Math.random() * 0.2);
  return {
    status: 200,
    headers: {},
    open: (sink: Sink) => {
      let ended = false;
      const timer = setTimeout(() => {
        sink.write(retryFrame(500 + Math.floor(Math.random() * 1000)));
        stop();
      }, lifetimeMs);
      timer.unref();
      let unsubscribe = () => undefined as void;
      const detach = () => {
        ended = true;
        clearTimeout(timer);
        unsubscribe();
      };
      const stop = () => {
        if (ended) return;
        detach();
        sink.end();
      };
      sink.write(retryFrame(RETRY_MS));
      unsubscribe = hub().subscribe(sheetId, from, { write: (frame) => !ended && sink.write(frame), end: stop });
      if (ended) return () => undefined;
      // The client went away.
      return () => {
        if (!ended) detach();
      };
    },
  };
}
