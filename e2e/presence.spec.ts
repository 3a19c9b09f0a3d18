/**
 * Presence in the browser: a scan on a slow, crowded network reaches the form (and the form works
 * without JavaScript), a private tab's second student and a link opened from another network are flagged
 * on the teacher's page with their reasons, the classroom-network rule refuses and accepts, a typo is
 * corrected once, and the receipt survives a reload. Phones on other networks send X-Real-IP, as nginx
 * would for them (the server under test trusts its proxy).
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { attendances, call, closeDb, expectAccessible, phone, projectedUrl, teacherWithSheet, type Sheet, type Teacher } from "./support";

test.afterAll(closeDb);

/** A phone on a network of its own (its address as nginx would pass it on). */
async function phoneAt(browser: Browser, address: string) {
  const context = await phone(browser);
  await context.setExtraHTTPHeaders({ "x-real-ip": address });
  return context;
}

async function register(mobile: Page, url: string, studentNumber: string, name: string) {
  await mobile.goto(url);
  await mobile.getByLabel("Student number").fill(studentNumber);
  await mobile.getByLabel("Full name").fill(name);
  await mobile.getByRole("button", { name: "Register" }).click();
  await expect(mobile.getByRole("heading", { name: "You are registered" })).toBeVisible();
}

/** Waits until the current QR window is `intoMs` old, then returns its URL (as the projection encodes it). */
async function qrUrlAt(teacher: Teacher, sheet: Sheet, intoMs: number): Promise<string> {
  for (;;) {
    const qr = await call<{ url: string; expiresAt: string; serverTime: string; windowSeconds: number }>(
      "GET",
      `/api/sheets/${sheet.id}/qr`,
      {
        token: teacher.token,
      },
    );
    const left = Date.parse(qr.body.expiresAt) - Date.parse(qr.body.serverTime);
    const wait = left - (qr.body.windowSeconds * 1000 - intoMs);
    if (wait >= 0 && wait < 150) return qr.body.url;
    await new Promise((r) => setTimeout(r, wait > 0 ? Math.min(wait - 50, 2000) : left + 20));
  }
}

test("a QR scanned 8.6 s into its window on a crowded network with a slow phone reaches the form and registers", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const { teacher, sheet } = await teacherWithSheet(page);
  const student = await phone(browser);
  const mobile = await student.newPage();
  const cdp = await student.newCDPSession(mobile);
  await cdp.send("Network.enable");
  // Lecture-hall Wi-Fi: 560 ms round trips, 0.4 Mbit/s each way; a phone four times slower than this machine.
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 560,
    downloadThroughput: 50_000,
    uploadThroughput: 50_000,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  let scriptBytes = 0;
  const transferred: Promise<void>[] = [];
  mobile.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    transferred.push(
      response
        .request()
        .sizes()
        .then((s) => void (scriptBytes += s.responseBodySize))
        .catch(() => undefined),
    );
  });

  const url = await qrUrlAt(teacher, sheet, 8600);
  const started = Date.now();
  await mobile.goto(url, { waitUntil: "commit", timeout: 60_000 });
  await expect(mobile.getByLabel("Student number")).toBeVisible({ timeout: 60_000 });
  const formAfterMs = Date.now() - started;
  await mobile.getByLabel("Student number").fill("UP202300101");
  await mobile.getByLabel("Full name").fill("Carla Lopes");
  await mobile.getByRole("button", { name: "Register" }).click();
  await expect(mobile.getByRole("heading", { name: /You are registered|You were already registered/ })).toBeVisible({ timeout: 60_000 });
  await mobile.waitForLoadState("load", { timeout: 60_000 });
  await Promise.all(transferred);
  testInfo.annotations.push({
    type: "slow network",
    description: `form after ${formAfterMs} ms; JavaScript ${Math.round(scriptBytes / 1024)} KiB`,
  });
  console.log(
    `slow-network scan: form visible ${formAfterMs} ms after the scan; ${Math.round(scriptBytes / 1024)} KiB of JavaScript transferred`,
  );
  expect((await attendances(sheet.id)).map((a) => a.student_number)).toEqual(["UP202300101"]);
  await student.close();
});

test("the check-in works without JavaScript: scan, form post, receipt", async ({ page, browser }) => {
  const { sheet } = await teacherWithSheet(page);
  await page.goto(`/sheets/${sheet.id}/projection`);
  const student = await browser.newContext({ javaScriptEnabled: false });
  const mobile = await student.newPage();
  await mobile.goto(await projectedUrl(page));
  await mobile.getByLabel("Student number").fill("UP202300102");
  await mobile.getByLabel("Full name").fill("Sem Scripts");
  await mobile.getByRole("button", { name: "Register" }).click();
  await expect(mobile).toHaveURL(new RegExp(`/c/${sheet.code}$`));
  await expect(mobile.getByText("UP202300102")).toBeVisible();
  await expect(mobile.getByTestId("receipt")).toHaveText(/^[A-Z0-9]{5}$/);
  await student.close();
});

test("a private tab's second student and a link opened on another network are flagged with their reasons; the teacher keeps one", async ({
  page,
  browser,
}) => {
  const { sheet } = await teacherWithSheet(page);
  // The teacher's laptop, and so the projection, is on 127.0.0.0/24 (as nginx would say).
  await page.context().setExtraHTTPHeaders({ "x-real-ip": "127.0.0.1" });
  const projector = await page.context().newPage();
  await projector.goto(`/sheets/${sheet.id}/projection`);
  await page.goto(`/sheets/${sheet.id}`);

  const phoneInRoom = await phoneAt(browser, "127.0.0.41");
  await register(await phoneInRoom.newPage(), await projectedUrl(projector), "UP202300201", "Ana Presente");
  // The same phone, a private tab: a fresh browser, seconds later, from the same address.
  const privateTab = await phoneAt(browser, "127.0.0.41");
  await register(await privateTab.newPage(), await projectedUrl(projector), "UP202300202", "Bruno Ausente");
  // A link pasted into a chat, opened on a phone at home.
  const atHome = await phoneAt(browser, "192.0.2.77");
  await register(await atHome.newPage(), await projectedUrl(projector), "UP202300203", "Carla Em Casa");

  const review = page.getByTestId("review");
  await expect(review.getByRole("heading", { name: "To review (2)" })).toBeVisible();
  const tab = review.getByRole("listitem").filter({ hasText: "Bruno Ausente" });
  await expect(tab).toContainText("right after another check-in from the same address");
  const home = review.getByRole("listitem").filter({ hasText: "Carla Em Casa" });
  await expect(home).toContainText("another network than the projection's");
  await expect(review).not.toContainText("Ana Presente");
  await expect(review).toContainText("hints, not proof");
  await expectAccessible(page, "sheet page with entries to review");
  await home.getByRole("button", { name: "Keep Carla Em Casa's entry" }).click();
  await expect(review.getByRole("heading", { name: "To review (1)" })).toBeVisible();
  await tab.getByRole("button", { name: "Remove Bruno Ausente's entry" }).click();
  await expect(review.getByRole("heading", { name: "To review (0)" })).toBeVisible();
  expect((await attendances(sheet.id)).filter((a) => !a.removed_at).map((a) => a.student_number)).toEqual(["UP202300201", "UP202300203"]);
  for (const c of [phoneInRoom, privateTab, atHome]) await c.close();
});

test("only from the classroom network: refused elsewhere with its message, accepted in the room", async ({ page, browser }) => {
  const { sheet } = await teacherWithSheet(page);
  // The teacher's laptop, and so the projection, is on 127.0.0.0/24 (as nginx would say).
  await page.context().setExtraHTTPHeaders({ "x-real-ip": "127.0.0.1" });
  const projector = await page.context().newPage();
  await projector.goto(`/sheets/${sheet.id}/projection`);
  await projectedUrl(projector);
  await page.goto(`/sheets/${sheet.id}`);
  await page.getByText("Only from the classroom network: off").click();
  await page.getByLabel("Refuse check-ins from outside the classroom network").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Only from the classroom network: on")).toBeVisible();

  const outside = await phoneAt(browser, "192.0.2.78");
  const away = await outside.newPage();
  await away.goto(await projectedUrl(projector));
  await expect(away.getByRole("main").getByRole("alert")).toContainText("accepts check-ins only from the classroom's network");
  await expect(away.getByLabel("Student number")).toHaveCount(0);
  await expectAccessible(away, "refused outside the classroom");
  const inside = await phoneAt(browser, "127.0.0.42");
  await register(await inside.newPage(), await projectedUrl(projector), "UP202300301", "Dora Na Sala");
  expect((await attendances(sheet.id)).map((a) => a.student_number)).toEqual(["UP202300301"]);
  await outside.close();
  await inside.close();
});

test("a typo is corrected once from the same phone, and the receipt survives a reload", async ({ page, browser }) => {
  const { sheet } = await teacherWithSheet(page);
  // The teacher's laptop, and so the projection, is on 127.0.0.0/24 (as nginx would say).
  await page.context().setExtraHTTPHeaders({ "x-real-ip": "127.0.0.1" });
  const projector = await page.context().newPage();
  await projector.goto(`/sheets/${sheet.id}/projection`);
  await page.goto(`/sheets/${sheet.id}`);
  const student = await phone(browser);
  const mobile = await student.newPage();
  await register(mobile, await projectedUrl(projector), "UP077", "Eva Ramos");
  const receipt = (await mobile.getByTestId("receipt").textContent()) ?? "";
  expect(receipt).toMatch(/^[A-Z0-9]{5}$/);

  await mobile.reload();
  await expect(mobile.getByText("UP077")).toBeVisible();
  await expect(mobile.getByTestId("receipt")).toHaveText(receipt);
  await expect(page.getByRole("row").filter({ hasText: "Eva Ramos" })).toContainText(receipt);

  await mobile.goto(await projectedUrl(projector));
  await mobile.getByLabel("Student number").fill("UP070");
  await mobile.getByRole("button", { name: "Correct my entry" }).click();
  await expect(mobile.getByText("Corrected from UP077 · Eva Ramos")).toBeVisible();
  await expect(mobile.getByText("UP070")).toBeVisible();
  await expect(mobile.getByRole("button", { name: "Correct my entry" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "Eva Ramos" })).toContainText("corrected from UP077 · Eva Ramos");
  await mobile.goto(await projectedUrl(projector));
  await expect(mobile.getByTestId("receipt")).toHaveText(receipt);
  await expect(mobile.getByRole("button", { name: "Correct my entry" })).toHaveCount(0);
  expect((await attendances(sheet.id)).map((a) => a.student_number)).toEqual(["UP070"]);
  await student.close();
});
