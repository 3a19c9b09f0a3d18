/**
 * Server-Sent Events frames of the live streams. Each change is one event whose `id` is the sheet's
 * sequence number: a browser's EventSource sends it back as `Last-Event-ID` when it reconnects.
 */
import type { Change } from "./changes";

export const changeFrame = (change: Change): string => `id: ${change.seq}\ndata: ${JSON.stringify(change)}\n\n`;

/** A comment: ignored by clients, keeps proxies from closing an idle stream. */
export const commentFrame = (): string => ":\n\n";

/** How long a client waits before reconnecting after the stream ends. */
export const retryFrame = (ms: number): string => `retry: ${ms}\n\n`;
