import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyChange, type Attendance, type SheetChange } from "@/lib/client/use-live-attendances";

const entry = (n: number, at: string, removedAt: string | null = null): Attendance => ({
  id: `id-${n}`,
  studentNumber: `UP${n}`,
  name: `Aluno ${n}`,
  method: "qr",
  createdAt: at,
  removedAt,
});
const change = (seq: number, kind: SheetChange["kind"], e: Attendance | null): SheetChange => ({ seq, kind, count: 0, entry: e });

describe("a live list applying changes", () => {
  const a = entry(1, "2026-11-30T09:00:01.000Z");
  const b = entry(2, "2026-11-30T09:00:02.000Z");

  it("appends arrivals and ignores one applied twice", () => {
    const once = applyChange([a], change(2, "added", b));
    assert.deepEqual(
      once.map((x) => x.id),
      ["id-1", "id-2"],
    );
    assert.deepEqual(applyChange(once, change(2, "added", b)), once);
  });

  it("removes an entry, and a removal of one it never had changes nothing", () => {
    const removed = applyChange([a, b], change(3, "removed", { ...a, removedAt: "2026-11-30T09:01:00.000Z" }));
    assert.deepEqual(
      removed.map((x) => x.id),
      ["id-2"],
    );
    assert.equal(applyChange(removed, change(3, "removed", { ...a, removedAt: "2026-11-30T09:01:00.000Z" })), removed);
  });

  it("puts a restored entry back in its place by arrival time, and edits in place", () => {
    const restored = applyChange([b], change(4, "restored", a));
    assert.deepEqual(
      restored.map((x) => x.id),
      ["id-1", "id-2"],
    );
    const edited = applyChange(restored, change(5, "edited", { ...a, name: "Aluna 1" }));
    assert.deepEqual(
      edited.map((x) => [x.id, x.name]),
      [
        ["id-1", "Aluna 1"],
        ["id-2", "Aluno 2"],
      ],
    );
  });

  it("leaves the list alone for a sheet closed or reopened", () => {
    const list = [a, b];
    assert.equal(applyChange(list, change(6, "closed", null)), list);
  });
});
