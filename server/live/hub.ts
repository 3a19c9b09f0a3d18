/**
 * One hub per instance carries every live stream's changes: one LISTEN connection of its own (not from
 * the request pool: a pooled connection may be reset or handed to a request), notifications coalesced
 * per sheet for COALESCE_MS, then one statement reads what changed for all the sheets concerned since
 * what the hub last delivered, and each change is written to every stream of its sheet. A stream gets a
 * change only if its sequence number is past what that stream already has, and only from a read that
 * started at or before that stream's position (a stream that joins while later changes are being read
 * waits for the read of its own backlog), so replays after a reconnection, duplicated or lost
 * notifications can neither repeat nor skip a change.
 *
 * If the listening connection drops (a database restart), the hub reconnects and reads every watched
 * sheet again from its sequence numbers; meanwhile, and always every few seconds as a guard against a
 * lost notification, it compares the sheets' latest sequence numbers with what it delivered.
 *
 * Shared through globalThis: the production entry (which serves the streams) and Next's bundles (which
 * serve them under `next dev`) must see the same hub.
 */
import pg from "pg";
import { config } from "../config";
import { onClose, shutdownSignal } from "../lifecycle";
import { log } from "../log";
import { onPoolNotification } from "../pool";
import { CHANNEL, READ_LIMIT, changesSince, latestSeqs, type Change } from "./changes";
import { changeFrame, commentFrame, retryFrame } from "./sse";

/** Where a stream's frames go: a Node response or a web stream. */
export type Sink = { write(frame: string): void; end(): void };

type Stream = { sheetId: string; sent: number; sink: Sink };
type Watched = { cursor: number; streams: Set<Stream> };

const COALESCE_MS = 50;
const SWEEP_MS = 5000;
const SWEEP_OFFLINE_MS = 1000;
const RETRY_READ_MS = 500;
const MAX_RECONNECT_MS = 10_000;
/** Check-ins committed on this instance are announced together, at most this often. */
const ANNOUNCE_MS = 20;

export class Hub {
  private readonly sheets = new Map<string, Watched>();
  /** Sheets to read, each from this sequence number on. */
  private readonly dirty = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | undefined;
  private reading = false;
  private listener: pg.Client | null = null;
  private connecting = false;
  private reconnectMs = 250;
  private lastSweep = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;
  /** Sheets with check-ins committed here and not yet announced to the instances. */
  private readonly unannounced = new Set<string>();
  private announceTimer: NodeJS.Timeout | undefined;

  constructor() {
    onPoolNotification((n) => this.notified(n.channel, n.payload));
    const beat = setInterval(() => this.broadcast(commentFrame()), config().LIVE_HEARTBEAT_SECONDS * 1000);
    const sweep = setInterval(() => void this.sweep(), SWEEP_OFFLINE_MS);
    beat.unref();
    sweep.unref();
    this.timers.push(beat, sweep);
    shutdownSignal().addEventListener("abort", () => this.endAll(), { once: true });
    onClose(() => this.close());
    void this.connect();
  }

  /** Adds a stream that already has every change of the sheet up to `after`; it gets the rest, then live ones. */
  subscribe(sheetId: string, after: number, sink: Sink): () => void {
    if (this.closed || shutdownSignal().aborted) {
      sink.write(retryFrame(250 + Math.floor(Math.random() * 1000)));
      sink.end();
      return () => undefined;
    }
    const stream: Stream = { sheetId, sent: after, sink };
    let watched = this.sheets.get(sheetId);
    if (!watched) {
      watched = { cursor: after, streams: new Set() };
      this.sheets.set(sheetId, watched);
    }
    watched.streams.add(stream);
    this.markDirty(sheetId, Math.min(after, watched.cursor));
    return () => {
      const current = this.sheets.get(sheetId);
      if (!current) return;
      current.streams.delete(stream);
      if (current.streams.size === 0) {
        this.sheets.delete(sheetId);
        this.dirty.delete(sheetId);
      }
    };
  }

  /**
   * Tells every instance (this one too) that a sheet has a committed change its own transaction did not
   * announce: a student's check-in, whose NOTIFY inside the transaction would hold PostgreSQL's global
   * notification lock through its WAL flush and make all check-ins commit one at a time (migration
   * `…_checkins_announced_after_commit`). Sent on the listening connection, for many sheets at once, in a
   * transaction that does not wait for its flush (losing one in a crash costs nothing: the sweeps of
   * the other instances find the change by its sequence number). Kept while not connected, sent once
   * connected again.
   */
  announce(sheetId: string): void {
    if (this.closed) return;
    this.unannounced.add(sheetId);
    this.scheduleAnnouncements(ANNOUNCE_MS);
  }

  private scheduleAnnouncements(ms: number): void {
    this.announceTimer ??= setTimeout(() => void this.sendAnnouncements(), ms);
  }

  private async sendAnnouncements(): Promise<void> {
    this.announceTimer = undefined;
    const listener = this.listener;
    if (!listener || this.unannounced.size === 0) return;
    const sheetIds = [...this.unannounced];
    this.unannounced.clear();
    try {
      await listener.query({
        text: `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, id) FROM unnest($2::text[]) AS id`,
        values: [CHANNEL, sheetIds],
      });
    } catch (err) {
      log("debug", "live: announcing check-ins failed", { err });
    }
  }

  get streamCount(): number {
    let n = 0;
    for (const w of this.sheets.values()) n += w.streams.size;
    return n;
  }

  /** The payload is "<sheet id> <seq>" from a trigger, or "<sheet id>" from an instance's announcement. */
  private notified(channel: string, payload: string | undefined): void {
    if (channel !== CHANNEL || !payload) return;
    const [sheetId, seqText] = payload.split(" ");
    const watched = sheetId ? this.sheets.get(sheetId) : undefined;
    if (!sheetId || !watched || (seqText !== undefined && Number(seqText) <= watched.cursor)) return;
    this.markDirty(sheetId, watched.cursor);
  }

  private markDirty(sheetId: string, from: number): void {
    const pending = this.dirty.get(sheetId);
    this.dirty.set(sheetId, pending === undefined ? from : Math.min(pending, from));
    this.schedule(COALESCE_MS);
  }

  private schedule(ms: number): void {
    if (this.flushTimer || this.reading || this.closed) return;
    this.flushTimer = setTimeout(() => void this.flush(), ms);
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    if (this.dirty.size === 0) return;
    const batch = new Map(this.dirty);
    this.dirty.clear();
    this.reading = true;
    let retryMs = 0;
    try {
      const found = await changesSince(batch);
      for (const [sheetId, changes] of found) {
        this.deliver(sheetId, batch.get(sheetId) ?? 0, changes);
        // A long backlog is read in parts: what is left is read at once, from where this part ended
        // (the cursor may be further on, while a newly joined stream still needs what lies between).
        const last = changes.at(-1);
        if (changes.length === READ_LIMIT && last && this.sheets.has(sheetId)) this.markDirtyQuietly(sheetId, last.seq);
      }
    } catch (err) {
      log("warn", "live: reading changes failed; retrying", { err });
      for (const [sheetId, from] of batch) if (this.sheets.has(sheetId)) this.markDirtyQuietly(sheetId, from);
      retryMs = RETRY_READ_MS;
    } finally {
      this.reading = false;
    }
    if (this.dirty.size > 0) this.schedule(retryMs);
  }

  private markDirtyQuietly(sheetId: string, from: number): void {
    const pending = this.dirty.get(sheetId);
    this.dirty.set(sheetId, pending === undefined ? from : Math.min(pending, from));
  }

  /** Writes changes read after `from`; a stream behind `from` joined during the read and has a read of its own pending. */
  private deliver(sheetId: string, from: number, changes: Change[]): void {
    const watched = this.sheets.get(sheetId);
    if (!watched) return;
    for (const change of changes) {
      const frame = changeFrame(change);
      for (const stream of watched.streams) {
        if (stream.sent < from || change.seq <= stream.sent) continue;
        stream.sent = change.seq;
        stream.sink.write(frame);
      }
      if (change.seq > watched.cursor) watched.cursor = change.seq;
    }
  }

  /** Reads again the sheets whose latest change is past what was delivered: covers lost notifications. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    const every = this.listener ? SWEEP_MS : SWEEP_OFFLINE_MS;
    if (this.sheets.size === 0 || now - this.lastSweep < every || this.closed) return;
    this.lastSweep = now;
    try {
      const latest = await latestSeqs([...this.sheets.keys()]);
      for (const [sheetId, seq] of latest) {
        const watched = this.sheets.get(sheetId);
        if (watched && seq > watched.cursor) this.markDirty(sheetId, watched.cursor);
      }
    } catch (err) {
      log("debug", "live: sweep failed", { err });
    }
  }

  private async connect(): Promise<void> {
    if (this.connecting || this.closed) return;
    this.connecting = true;
    const client = new pg.Client({
      connectionString: config().LIVE_DATABASE_URL ?? config().DATABASE_URL,
      application_name: "presenca-live",
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    client.on("notification", (n) => this.notified(n.channel, n.payload));
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      log("warn", "live: listening connection lost; reconnecting");
      client.end().catch(() => undefined);
      this.retryConnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.listener = client;
      this.reconnectMs = 250;
      // Whatever happened while nobody listened is read from the sequence numbers.
      for (const [sheetId, watched] of this.sheets) this.markDirty(sheetId, watched.cursor);
      if (this.unannounced.size > 0) this.scheduleAnnouncements(0);
    } catch (err) {
      log("warn", "live: cannot listen for changes; retrying", { err });
      client.end().catch(() => undefined);
      this.retryConnect();
    } finally {
      this.connecting = false;
    }
  }

  private retryConnect(): void {
    if (this.closed) return;
    const wait = this.reconnectMs;
    this.reconnectMs = Math.min(this.reconnectMs * 2, MAX_RECONNECT_MS);
    setTimeout(() => void this.connect(), wait).unref();
  }

  private broadcast(frame: string): void {
    for (const watched of this.sheets.values()) for (const stream of watched.streams) stream.sink.write(frame);
  }

  /** Draining: every stream ends with a hint to reconnect soon (to another instance), spread over a second. */
  private endAll(): void {
    for (const watched of this.sheets.values()) {
      for (const stream of watched.streams) {
        stream.sink.write(retryFrame(250 + Math.floor(Math.random() * 1000)));
        stream.sink.end();
      }
    }
    this.sheets.clear();
    this.dirty.clear();
  }

  private async close(): Promise<void> {
    this.closed = true;
    this.endAll();
    clearTimeout(this.flushTimer);
    clearTimeout(this.announceTimer);
    await this.sendAnnouncements();
    this.timers.forEach(clearInterval);
    const listener = this.listener;
    this.listener = null;
    await listener?.end();
  }
}

const key = Symbol.for("presenca.live-hub");
const holder = globalThis as unknown as Record<symbol, Hub | undefined>;

export function hub(): Hub {
  holder[key] ??= new Hub();
  return holder[key];
}
