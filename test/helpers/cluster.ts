/** Waiting on a running cluster (scripts/lib/cluster.ts), shared by the cluster and the fault tests. */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import type { Cluster, Instance } from "../../scripts/lib/cluster";

/** Polls `check` until it is true (a thrown error counts as false); fails the test after `attempts`. */
export async function eventually(what: string, check: () => Promise<boolean>, attempts: number, pauseMs = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check().catch(() => false)) return;
    await sleep(pauseMs);
  }
  assert.fail(`${what}: still not true after ${attempts} attempts`);
}

/** The instance's own readiness, asked directly rather than through nginx. */
export const readyDirectly = async (instance: Instance) => (await fetch(`http://127.0.0.1:${instance.port}/api/ready`)).status === 200;

/** Until nginx routes to `instance` again (its passive failure mark has expired). */
export async function servedByNginx(cluster: Cluster, instance: Instance, attempts: number): Promise<void> {
  await eventually(
    `${instance.id} back behind nginx`,
    async () => {
      for (let i = 0; i < 6; i++) {
        const reply = await fetch(`${cluster.url}/api/health`);
        if (reply.headers.get("x-instance-id") === instance.id) return true;
      }
      return false;
    },
    attempts,
  );
}
