/**
 * Property-based fuzzing of every operation in the API's own OpenAPI document (fast-check), against an
 * instance of the built server over the test database. Each request is hostile in some way; every answer
 * must be a documented success or a 4xx problem+json, and afterwards the database must hold exactly
 * what the API acknowledged, and nothing that breaks its rules.
 *
 * FUZZ_SEED (default fixed) picks the inputs; FUZZ_RUNS bounds the runs per operation and FUZZ_SECONDS
 * the whole property phase. The instance trusts X-Real-IP (as behind nginx) so each request comes from
 * its own address and the per-address login throttle of the shared test server is left alone.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import fc from "fast-check";
import { closeDb, db } from "../helpers/api";
import { brokenInvariants } from "../helpers/invariants";
import { logLine, startInstance, type Instance } from "../helpers/instances";
import { loadOperations, type Operation } from "../helpers/openapi";
import { judge } from "./oracle";
import { prepare, requestArb, send, type Sent } from "./requests";
import { FUZZ_DOMAIN, World } from "./world";
import { contractViolations } from "../helpers/contract";

const seed = Number(process.env.FUZZ_SEED ?? 20261127);
const runs = Number(process.env.FUZZ_RUNS ?? 60);
const budgetMs = Number(process.env.FUZZ_SECONDS ?? 120) * 1000;

/** Creations that must be idempotent: sending the same request again returns the same entry with 200. */
const idempotent = new Set(["POST /api/checkin/{code}", "POST /api/sheets/{id}/attendances"]);

let instance: Instance;
let world: World;
let operations: Operation[];
const statuses = new Map<string, Map<number, number>>();

before(async () => {
  // The fuzzer registers accounts by the hundred from one address: not what the registration throttle is for.
  instance = await startInstance("fuzz-1", {
    TRUST_PROXY: "true",
    REGISTER_MAX_PER_ADDRESS: "1000000",
    REGISTER_MAX_PER_DOMAIN: "1000000",
  });
  operations = await loadOperations(instance.url);
  world = await World.create(instance.url);
});

after(async () => {
  await instance?.stop();
  await closeDb();
});

function sheetOf(operation: Operation, sent: Sent): string | undefined {
  if (operation.path.startsWith("/api/checkin/")) {
    const code = sent.params.code?.replace(/[\s-]/g, "").toUpperCase();
    return [world.open, world.closed, world.othersSheet].find((s) => s.code === code)?.id;
  }
  return sent.params.id?.toLowerCase();
}

async function exercise(operation: Operation, request: Parameters<typeof judge>[1]): Promise<void> {
  const sent = await prepare(operation, request, world);
  const reply = await send(sent);
  const tally = statuses.get(operation.id) ?? new Map<number, number>();
  statuses.set(operation.id, tally.set(reply.status, (tally.get(reply.status) ?? 0) + 1));
  const wrong =
    judge(operation, request, reply) ??
    (contractViolations(sent.method, sent.url, reply.status, reply.headers.get("content-type"), reply.text).join("; ") || null);
  if (wrong) {
    const logged = logLine(instance, reply.headers.get("x-request-id"));
    throw new Error(
      `${wrong}\n  ${sent.method} ${sent.url}\n  → ${reply.status} ${reply.text.slice(0, 400)}${logged ? `\n  server log: ${logged}` : ""}`,
    );
  }
  if (reply.status >= 300) return;
  world.acknowledge(operation.id, sent.caller, reply, sheetOf(operation, sent));
  if (operation.id === "PUT /api/me/password" && sent.caller) {
    world.teacher(sent.caller).password = String((sent.body as { newPassword: string }).newPassword);
  }
  if (reply.status === 201 && idempotent.has(operation.id)) {
    const again = await send({ ...sent, init: { ...sent.init, signal: AbortSignal.timeout(30_000) } });
    if (again.status !== 200 || again.body.id !== reply.body.id) {
      throw new Error(`repeating a successful ${operation.id} gave ${again.status} ${again.text.slice(0, 300)}, not the same entry`);
    }
  }
}

it("answers every documented operation with a documented success or a 4xx problem+json", async (t) => {
  assert.ok(operations.length >= 20, `only ${operations.length} operations in /api/openapi.json`);
  const deadline = Date.now() + budgetMs;
  for (const [index, operation] of operations.entries()) {
    await t.test(operation.id, async () => {
      await world.reset();
      const share = Math.max(1000, (deadline - Date.now()) / (operations.length - index));
      const property = fc.asyncProperty(requestArb(operation, world), (request) => exercise(operation, request));
      try {
        await fc.assert(property, {
          seed: seed + index,
          numRuns: runs,
          includeErrorInReport: true,
          plugins: [fc.interruptAfterTimeLimit(share)],
        });
      } catch (err) {
        throw new Error(`${operation.id}: ${err instanceof Error ? err.message : String(err)}\nRe-run with FUZZ_SEED=${seed}.`);
      }
    });
  }
  const summary = operations.map((op) => {
    const counts = [...(statuses.get(op.id) ?? new Map<number, number>())].sort(([a], [b]) => a - b);
    return `${op.id}: ${counts.map(([s, n]) => `${s}×${n}`).join(" ")}`;
  });
  t.diagnostic(`seed ${seed}, up to ${runs} runs per operation\n${summary.join("\n")}`);
});

it("got past validation to a success on every operation", () => {
  const never = operations.filter((op) => ![...(statuses.get(op.id)?.keys() ?? [])].some((s) => s < 300)).map((op) => op.id);
  assert.deepEqual(never, [], "the generators never produced a request these operations accept");
});

it("leaves no stored data breaking the schema's rules", async () => {
  assert.deepEqual(await brokenInvariants(), []);
});

it("stores exactly the changes it acknowledged", async () => {
  const { model } = world;
  const teacherIds = [world.owner.id, world.other.id];
  const { rows: teachers } = await db().query<{ id: string }>("SELECT id FROM teachers WHERE email LIKE $1 OR id = ANY($2)", [
    `%@${FUZZ_DOMAIN}`,
    [...model.teachers],
  ]);
  assert.deepEqual(teachers.map((r) => r.id).sort(), [...model.teachers].sort(), "teacher accounts");

  const { rows: units } = await db().query<{ id: string }>("SELECT id FROM course_units WHERE created_by_id = ANY($1)", [teacherIds]);
  assert.deepEqual(units.map((r) => r.id).sort(), [...model.courseUnits].sort(), "course units");

  const { rows: sheets } = await db().query<{ id: string; owner_id: string; status: string; summary: string }>(
    "SELECT id, owner_id, status, summary FROM sheets WHERE owner_id = ANY($1)",
    [teacherIds],
  );
  const stored = Object.fromEntries(sheets.map((s) => [s.id, { ownerId: s.owner_id, status: s.status, summary: s.summary }]));
  assert.deepEqual(stored, Object.fromEntries(model.sheets), "sheets");

  const { rows: attendances } = await db().query<{ id: string; sheet_id: string; student_number: string; name: string; removed: boolean }>(
    "SELECT id, sheet_id, student_number, name, removed_at IS NOT NULL AS removed FROM attendances WHERE sheet_id = ANY($1)",
    [sheets.map((s) => s.id)],
  );
  const storedAttendances = Object.fromEntries(
    attendances.map((a) => [a.id, { sheetId: a.sheet_id, studentNumber: a.student_number, name: a.name, removed: a.removed }]),
  );
  assert.deepEqual(storedAttendances, Object.fromEntries(model.attendances), "attendances");
});
