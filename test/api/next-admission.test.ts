/**
 * Requests the production entry hands to Next are rendered NEXT_CONCURRENCY at a time; the others wait,
 * and one whose client left while it waited is never rendered. Without that bound, a burst of students'
 * pages beyond what the CPU serves piled up renders until the instances ran out of memory
 * (`npm run bench -- lecture --pages`, docs/performance.md).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { closeDb, newTeacher, type Teacher } from "../helpers/api";
import { startInstance, type Instance } from "../helpers/instances";

let instance: Instance;
let teacher: Teacher;

before(async () => {
  instance = await startInstance("next-admission", { NEXT_CONCURRENCY: "1" });
  teacher = await newTeacher();
});
after(async () => {
  await instance?.stop();
  await closeDb();
});

/** Log lines of GET /api/me: one per request Next rendered. */
const rendered = () =>
  fs
    .readFileSync(instance.logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes('"route":"/api/me"')).length;

describe("requests handed to Next", () => {
  it("wait their turn, and are never rendered once their client has left", async () => {
    const headers = { authorization: `Bearer ${teacher.token}` };
    const abandoned = Array.from({ length: 40 }, () => {
      const controller = new AbortController();
      const sent = fetch(`${instance.url}/api/me`, { headers, signal: controller.signal }).catch(() => null);
      return { controller, sent };
    });
    await sleep(20);
    abandoned.forEach(({ controller }) => controller.abort());
    await Promise.all(abandoned.map(({ sent }) => sent));
    await sleep(500);
    const renderedBefore = rendered();
    assert.ok(renderedBefore < 10, `the abandoned requests were dropped unrendered (${renderedBefore} of 40 rendered)`);

    // No place stays taken: the next requests are answered, one after another.
    const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(`${instance.url}/api/me`, { headers })));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(((await answers[0]?.json()) as { id: string }).id, teacher.id);
    await sleep(200);
    assert.equal(rendered(), renderedBefore + 5);
  });
});
