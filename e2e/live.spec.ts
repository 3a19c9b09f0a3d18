import { expect, test } from "@playwright/test";
import { call, closeDb, phone, projectedUrl, teacherWithSheet } from "./support";

test.afterAll(closeDb);

test("a check-in from another browser shows on the sheet page and the projection within a second", async ({ page, browser }) => {
  const { sheet } = await teacherWithSheet(page, "Ao vivo");
  await page.goto(`/sheets/${sheet.id}`);
  await expect(page.getByText("No one has registered yet")).toBeVisible();
  const projector = await page.context().newPage();
  await projector.goto(`/sheets/${sheet.id}/projection`);
  const url = await projectedUrl(projector);
  await expect(projector.getByTestId("count")).toHaveText("0");

  const student = await phone(browser);
  const mobile = await student.newPage();
  await mobile.goto(url);
  await mobile.getByLabel("Student number").fill("up202300077");
  await mobile.getByLabel("Full name").fill("Lia Fonseca");
  await mobile.getByRole("button", { name: "Register" }).click();
  await expect(mobile.getByRole("heading", { name: "You are registered" })).toBeVisible();

  await expect(page.getByRole("cell", { name: "Lia Fonseca", exact: true })).toBeVisible({ timeout: 1000 });
  await expect(projector.getByTestId("count")).toHaveText("1", { timeout: 1000 });
  await student.close();
});

test("closing and reopening reach the projection within a second", async ({ page }) => {
  const { teacher, sheet } = await teacherWithSheet(page, "Projeção");
  await page.goto(`/sheets/${sheet.id}/projection`);
  await projectedUrl(page);

  expect((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } })).status).toBe(200);
  await expect(page.getByText("This sheet is closed")).toBeVisible({ timeout: 1000 });
  await expect(page.getByRole("img", { name: "QR code to register attendance on this sheet" })).toHaveCount(0);
  // Nothing on a closed sheet's projection still invites the room to register.
  await expect(page.getByText("Scan to register")).toHaveCount(0);
  await expect(page.getByTestId("type-instruction")).toHaveCount(0);
  await expect(page.getByTestId("digits")).toHaveCount(0);

  expect((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "open" } })).status).toBe(200);
  await expect(page.getByRole("img", { name: "QR code to register attendance on this sheet" })).toHaveAttribute("data-url", /\/c\//, {
    timeout: 1000,
  });
  // "Or go to … and type" is read from the back of the room: as large as the scan instruction.
  const size = (testId: string) => page.getByTestId(testId).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(await size("type-instruction")).toBeGreaterThanOrEqual(
    0.045 * Math.min(page.viewportSize()?.width ?? 0, page.viewportSize()?.height ?? 0) - 0.5,
  );
});

test("the projection switches to the next code at the boundary by itself", async ({ page }) => {
  const { sheet } = await teacherWithSheet(page, "Rotação");
  let asked = 0;
  page.on("request", (r) => {
    if (r.url().endsWith(`/api/sheets/${sheet.id}/qr`)) asked += 1;
  });
  await page.goto(`/sheets/${sheet.id}/projection`);
  const qr = page.getByRole("img", { name: "QR code to register attendance on this sheet" });
  const first = await projectedUrl(page);
  await expect(qr).not.toHaveAttribute("data-url", first, { timeout: 15_000 });
  // The next code came with the first answer; the page asks again only later, inside the new window.
  expect(asked).toBe(1);
});

test("a lost connection shows on the sheet page and recovers by itself", async ({ page }) => {
  const { teacher, sheet } = await teacherWithSheet(page, "Rede");
  await page.goto(`/sheets/${sheet.id}`);
  await expect(page.getByText("No one has registered yet")).toBeVisible();
  await page.context().setOffline(true);
  await expect(page.getByText("Connection lost")).toBeVisible({ timeout: 15_000 });
  const added = await call("POST", `/api/sheets/${sheet.id}/attendances`, {
    token: teacher.token,
    body: { studentNumber: "NET1", name: "Rita Rede" },
  });
  expect(added.status).toBe(201);
  await page.context().setOffline(false);
  await expect(page.getByText("Connection lost")).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByRole("cell", { name: "Rita Rede", exact: true })).toBeVisible({ timeout: 15_000 });
});
