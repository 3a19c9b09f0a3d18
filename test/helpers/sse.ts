/** A small Server-Sent Events client for the tests: reads a live stream frame by frame. */
export type SseEvent = { id?: string; data?: string; retry?: number; comment?: boolean };

export type SseStream = {
  status: number;
  headers: Headers;
  /** The next event (comments and retry hints included), or null once the stream ended. */
  next(timeoutMs?: number): Promise<SseEvent | null>;
  /** The next change event (data), skipping comments and hints; null once the stream ended. */
  nextChange<T = unknown>(timeoutMs?: number): Promise<(T & { id: string }) | null>;
  close(): void;
};

function parseFrame(frame: string): SseEvent {
  const event: SseEvent = {};
  for (const line of frame.split("\n")) {
    if (line.startsWith(":")) event.comment = true;
    else if (line.startsWith("id: ")) event.id = line.slice(4);
    else if (line.startsWith("data: ")) event.data = (event.data === undefined ? "" : `${event.data}\n`) + line.slice(6);
    else if (line.startsWith("retry: ")) event.retry = Number(line.slice(7));
  }
  return event;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
  const queue: (SseEvent | null)[] = [];
  const waiting: ((e: SseEvent | null) => void)[] = [];
  const push = (e: SseEvent | null) => {
    const w = waiting.shift();
    if (w) w(e);
    else queue.push(e);
  };
  if (response.ok && response.body && response.headers.get("content-type")?.startsWith("text/event-stream")) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            push(parseFrame(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // Aborted by close(), or the connection was cut: the stream has ended either way.
      }
      push(null);
    })();
  } else {
    await response.text().catch(() => undefined);
    push(null);
  }
  const next = (timeoutMs = 5000) =>
    new Promise<SseEvent | null>((resolve, reject) => {
      if (queue.length > 0) return resolve(queue.shift() ?? null);
      const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
      waiting.push((e) => {
        clearTimeout(timer);
        resolve(e);
      });
    });
  return {
    status: response.status,
    headers: response.headers,
    next,
    async nextChange<T>(timeoutMs = 5000) {
      for (;;) {
        const e = await next(timeoutMs);
        if (e === null) return null;
        if (e.data !== undefined) return { ...(JSON.parse(e.data) as T), id: e.id ?? "" };
      }
    },
    close: () => controller.abort(),
  };
}

export type Follower = {
  /** Sequence numbers received, in order (repeats included, so a test can see them). */
  seqs: number[];
  /** The instance that served each connection (`x-instance-id`). */
  instances: string[];
  /** Resolves once `count` changes have arrived. */
  waitFor(count: number, timeoutMs: number): Promise<void>;
  stop(): void;
};

/**
 * A stream followed as EventSource follows it: when it ends, it is opened again after the server's
 * `retry` hint with the last event id received, so nothing should be missed or repeated.
 */
export function followStream(url: string, headers: Record<string, string>): Follower {
  const seqs: number[] = [];
  const instances: string[] = [];
  let stopped = false;
  let current: SseStream | null = null;
  let lastId: string | null = null;
  const waiters: { count: number; resolve: () => void }[] = [];
  const check = () => {
    for (const w of waiters.filter((w) => seqs.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  void (async () => {
    let retry = 1000;
    while (!stopped) {
      try {
        current = await openStream(url, { ...headers, ...(lastId ? { "last-event-id": lastId } : {}) });
        if (current.status === 200) instances.push(current.headers.get("x-instance-id") ?? "?");
        for (;;) {
          const e = await current.next(120_000);
          if (e === null) break;
          if (e.retry !== undefined) retry = e.retry;
          if (e.id !== undefined && e.data !== undefined) {
            lastId = e.id;
            seqs.push(Number(e.id));
            check();
          }
        }
      } catch {
        // A refused or cut connection: try again after the hint, as a browser does.
      }
      if (!stopped) await new Promise((r) => setTimeout(r, retry));
    }
  })();
  return {
    seqs,
    instances,
    waitFor: (count, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${seqs.length} of ${count} changes within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
        check();
      }),
    stop: () => {
      stopped = true;
      current?.close();
    },
  };
}
