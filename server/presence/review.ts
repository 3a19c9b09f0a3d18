/**
 * The presence signals of a sheet's entries, as the teacher reads them: what each check-in recorded
 * (other_network, new_browser, shared_browser, late_code; typed digits from its method) and what only the
 * whole list shows (another network than most of the class; a burst of new browsers from one address). Hints, not verdicts: an entry with any of the REVIEW flags is "to review" until the
 * teacher confirms or removes it.
 */
export const PRESENCE_FLAGS = [
  "other_network",
  "minority_network",
  "shared_browser",
  "burst",
  "late_code",
  "new_browser",
  "typed",
] as const;
export type PresenceFlag = (typeof PRESENCE_FLAGS)[number];

/** The flags that put an entry on the "to review" list; new_browser and typed alone are ordinary. */
const REVIEW: ReadonlySet<PresenceFlag> = new Set(["other_network", "minority_network", "shared_browser", "burst", "late_code"]);

/** New browsers from one address within this long of another entry from it form a burst. */
export const BURST_MS = 30_000;

export type SignalRow = {
  id: string;
  createdAt: Date;
  method: string;
  network: string | null;
  source: string | null;
  signals: string[] | null;
  confirmedAt: Date | null;
};

export type Presence = { flags: PresenceFlag[]; review: boolean };

/** The network most of a list's entries came from, given the number of entries per network. */
export function majorityOf(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  let tie = false;
  for (const [network, n] of counts) {
    if (n > bestCount) [best, bestCount, tie] = [network, n, false];
    else if (n === bestCount) tie = true;
  }
  // A majority needs at least three entries and a clear winner.
  return bestCount >= 3 && !tie ? best : null;
}

/** What only the rest of the list tells about an entry. */
export type ListContext = { majority: string | null; afterSameSource: boolean };

/** One entry's flags, from what it recorded and what the rest of its list tells about it. */
export function presenceOfEntry(row: SignalRow, { majority, afterSameSource }: ListContext): Presence {
  const recorded = new Set(row.signals ?? []);
  const flags: PresenceFlag[] = [];
  if (recorded.has("other_network")) flags.push("other_network");
  if (row.network && majority && row.network !== majority) flags.push("minority_network");
  if (recorded.has("shared_browser")) flags.push("shared_browser");
  if (recorded.has("new_browser") && afterSameSource) flags.push("burst");
  if (recorded.has("late_code")) flags.push("late_code");
  if (recorded.has("new_browser")) flags.push("new_browser");
  if (row.method === "code") flags.push("typed");
  return { flags, review: !row.confirmedAt && flags.some((f) => REVIEW.has(f)) };
}

/** The flags of a whole list's entries. */
export function presenceOf(rows: SignalRow[]): Map<string, Presence> {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.network) counts.set(r.network, (counts.get(r.network) ?? 0) + 1);
  const majority = majorityOf(counts);
  const lastFromSource = new Map<string, number>();
  const ordered = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const result = new Map<string, Presence>();
  for (const row of ordered) {
    const at = row.createdAt.getTime();
    const previous = row.source ? lastFromSource.get(row.source) : undefined;
    result.set(row.id, presenceOfEntry(row, { majority, afterSameSource: previous !== undefined && at - previous <= BURST_MS }));
    if (row.source && row.method !== "teacher") lastFromSource.set(row.source, at);
  }
  return result;
}
