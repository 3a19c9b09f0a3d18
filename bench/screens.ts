/**
 * Teachers' screens as the pages hold them: a sheet's live stream over one connection, with the session
 * cookie, reopened after the server's `retry` hint with the last event id when it ends (as EventSource
 * does). Each screen records when each entry arrived, and every change number it received.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { encode } from "next-auth/jwt";

export type Screen = {
  sheetId: string;
  /** Student number → when its `added` event arrived (performance.now()). */
  arrivals: Map<string, number>;
  /** Change numbers received more than once. */
  repeated: number;
  connected: boolean;
  close(): void;
};

/** A browser session cookie for a teacher, as next-auth signs it at sign-in. */
export async function sessionCookie(teacherId: string, secret: string): Promise<string> {
  const token = await encode({
    // sid: the sign-in this session belongs to; a session without one is refused (signing out revokes it).
    token: { sub: teacherId, name: "Bench", email: "bench@example.org", authAt: Date.now(), sid: randomUUID() },
    secret,
    maxAge: 12 * 3600,
  });
  return `next-auth.session-token=${token}`;
}

type Change = { seq: number; kind: string; entry: { studentNumber: string } | null };

export function openScreen(origin: string, sheetId: string, cookie: string, after = 0): Screen {
  const url = new URL(`/api/sheets/${sheetId}/events?after=${after}`, origin);
  const seen = new Set<number>();
  let lastId: string | null = null;
  let closed = false;
  let request: http.ClientRequest | null = null;
  const screen: Screen = {
    sheetId,
    arrivals: new Map(),
    repeated: 0,
    connected: false,
    close: () => {
      closed = true;
      request?.destroy();
    },
  };
  const connect = () => {
    if (closed) return;
    let retry = 1000;
    let buffer = "";
    request = http.get(
      url,
      { agent: false, headers: { cookie, accept: "text/event-stream", ...(lastId ? { "last-event-id": lastId } : {}) } },
      (res) => {
        screen.connected = res.statusCode === 200;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const now = performance.now();
            let data: string | null = null;
            for (const line of frame.split("\n")) {
              if (line.startsWith("retry: ")) retry = Number(line.slice(7));
              else if (line.startsWith("id: ")) lastId = line.slice(4);
              else if (line.startsWith("data: ")) data = line.slice(6);
            }
            if (data === null) continue;
            const change = JSON.parse(data) as Change;
            if (seen.has(change.seq)) screen.repeated++;
            seen.add(change.seq);
            if (change.kind === "added" && change.entry && !screen.arrivals.has(change.entry.studentNumber)) {
              screen.arrivals.set(change.entry.studentNumber, now);
            }
          }
        });
        res.on("close", () => {
          screen.connected = false;
          setTimeout(connect, retry).unref();
        });
      },
    );
    request.on("error", () => {
      screen.connected = false;
      setTimeout(connect, retry).unref();
    });
  };
  connect();
  return screen;
}
