/**
 * Sheet codes cannot be enumerated: unknown codes are counted per client address (given as X-Real-IP, as
 * nginx sets it), and past the limit every look-up from that address is refused with 429 and
 * Retry-After, existing codes included, except a ticket exchange with the screen's QR token. Other
 * addresses are unaffected, and the probes show in the metrics.
 */
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { after, describe, it } from "node:test";
import { SHEET_CODE_ALPHABET } from "@/lib/validations/checkin";
import { assertProblem, baseUrl, call, closeDb, newSheet, newTeacher, qr } from "../helpers/api";

after(closeDb);

const LIMIT = 30; // CODE_PROBES_MAX_PER_ADDRESS's default
const from = (address: string) => ({ "x-real-ip": address });
const unknownCode = () => Array.from({ length: 6 }, () => SHEET_CODE_ALPHABET[randomInt(SHEET_CODE_ALPHABET.length)]).join("");

async function probeCount(outcome: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/api/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`presenca_code_probes_total{outcome="${outcome}"}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("sheet code probes", () => {
  it("are limited per address, while other addresses and the screen's QR still work, and are counted", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const prober = `198.51.100.${randomInt(1, 250)}`;
    const neighbour = `203.0.113.${randomInt(1, 250)}`;
    const [notFoundBefore, pausedBefore] = [await probeCount("not_found"), await probeCount("paused")];

    for (let i = 0; i < LIMIT; i++) {
      const probe =
        i % 2 === 0
          ? call("GET", `/api/checkin/${unknownCode()}`, { headers: from(prober) })
          : call("POST", `/api/checkin/${unknownCode()}/tickets`, { headers: from(prober), body: { digits: "1234" } });
      assertProblem(await probe, 404, "SHEET_NOT_FOUND");
    }
    const limited = await call("GET", `/api/checkin/${unknownCode()}`, { headers: from(prober) });
    assertProblem(limited, 429, "CODES_PAUSED");
    assert.ok(Number(limited.headers.get("retry-after")) > 0, "Retry-After");

    // A paused address cannot tell a real code from an unknown one...
    assertProblem(await call("GET", `/api/checkin/${sheet.code}`, { headers: from(prober) }), 429, "CODES_PAUSED");
    assertProblem(
      await call("POST", `/api/checkin/${sheet.code}/tickets`, { headers: from(prober), body: { digits: "1234" } }),
      429,
      "CODES_PAUSED",
    );
    // ...but a student there who scans the screen still gets a ticket.
    const scanned = await call("POST", `/api/checkin/${sheet.code}/tickets`, {
      headers: from(prober),
      body: { token: (await qr(teacher, sheet)).token },
    });
    assert.equal(scanned.status, 201, scanned.text);

    // Another address is not held back, for unknown codes nor for real ones.
    assertProblem(await call("GET", `/api/checkin/${unknownCode()}`, { headers: from(neighbour) }), 404, "SHEET_NOT_FOUND");
    const shown = await call("GET", `/api/checkin/${sheet.code}`, { headers: from(neighbour) });
    assert.equal(shown.status, 200, shown.text);

    assert.ok((await probeCount("not_found")) >= notFoundBefore + LIMIT + 1, "unknown codes counted");
    assert.ok((await probeCount("paused")) >= pausedBefore + 3, "refused look-ups counted");
  });

  it("count an IPv6 client by its /56, so new addresses of one household do not reset the count", async () => {
    // The /56 is the first three groups and the upper byte of the fourth.
    const prefix = `2001:db8:${randomInt(1, 0xffff).toString(16)}:${randomInt(0x10, 0x100).toString(16)}`;
    const inHousehold = (i: number) => `${prefix}${i.toString(16).padStart(2, "0")}::${i + 1}`;
    for (let i = 0; i < LIMIT; i++) {
      assertProblem(await call("GET", `/api/checkin/${unknownCode()}`, { headers: from(inHousehold(i)) }), 404, "SHEET_NOT_FOUND");
    }
    assertProblem(await call("GET", `/api/checkin/${unknownCode()}`, { headers: from(inHousehold(0xff)) }), 429, "CODES_PAUSED");
  });
});
