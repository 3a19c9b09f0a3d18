import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { PASSWORD, attendances, call, closeDb, db, newSheet, newTeacher, saveScreenshot, signIn } from "./support";

test.afterAll(closeDb);

test("a teacher goes through the workshop's steps, from registration to logout", async ({ page }, testInfo) => {
  const email = `e2e-${Date.now().toString(36)}@example.org`;
  const unitCode = `E2E${Date.now().toString(36).toUpperCase().slice(-6)}`;
  let sheetUrl = "";

  await test.step("1. register", async () => {
    await page.goto("/");
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Name").fill("Carla Mendes");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText("No sheets yet")).toBeVisible();
  });

  await test.step("2. sign out and sign in again", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Wrong e-mail or password");
    await signIn(page, email);
  });

  await test.step("3. add a course unit and open a sheet for it", async () => {
    await page.getByText("Course unit not in the list? Add it").click();
    await page.getByLabel("Code", { exact: true }).fill(unitCode);
    await page.getByLabel("Name", { exact: true }).fill("Engenharia de Software");
    await page.getByRole("button", { name: "Add course unit" }).click();
    await expect(page.getByText(`${unitCode} added and selected.`)).toBeVisible();
    await page.getByLabel("Summary").fill("Aula 1: requisitos");
    await page.getByRole("button", { name: "Open sheet" }).click();
    await expect(page.getByRole("heading", { name: `${unitCode} · Engenharia de Software` })).toBeVisible();
    sheetUrl = new URL(page.url()).pathname;
  });

  await test.step("4. add students by hand, remove one and undo", async () => {
    for (const [number, name] of [
      ["UP202300010", "Beatriz Lopes"],
      ["up 2023 00011", "Duarte Pires"],
    ]) {
      await page.getByLabel("Student number").fill(number!);
      await page.getByLabel("Full name").fill(name!);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await expect(page.getByRole("cell", { name: name!, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("cell", { name: "UP202300011" })).toBeVisible();
    await page.getByRole("button", { name: "Remove Duarte Pires" }).click();
    await expect(page.getByRole("cell", { name: "Duarte Pires", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("cell", { name: "Duarte Pires", exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Attendance — 2 present/ })).toBeVisible();
  });

  await test.step("5. project the QR code", async () => {
    await page.getByRole("link", { name: "Project QR code" }).click();
    await expect(page.getByRole("img", { name: "QR code to register attendance on this sheet" })).toHaveAttribute(
      "data-url",
      /\/c\/[A-Z0-9]{6}\?t=/,
    );
    await expect(page.getByTestId("digits")).toHaveText(/^\d{4}$/);
    await expect(page.getByText("2", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Back to the sheet" }).click();
    await expect(page).toHaveURL(new RegExp(`${sheetUrl}$`));
  });

  await test.step("6. close the sheet, and reopen it", async () => {
    await page.getByRole("button", { name: "Close sheet" }).click();
    await expect(page.getByText("This sheet is closed: students can no longer register.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Project QR code" })).toHaveCount(0);
    await page.getByRole("button", { name: "Reopen sheet" }).click();
    await expect(page.getByRole("link", { name: "Project QR code" })).toBeVisible();
    await page.getByRole("button", { name: "Close sheet" }).click();
    await expect(page.getByRole("button", { name: "Reopen sheet" })).toBeVisible();
  });

  await test.step("7. export the list as CSV", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync((await download.path()) ?? "", "utf8");
    expect(csv).toContain("UP202300010");
    expect(csv).toContain("Duarte Pires");
    const id = sheetUrl.split("/").pop() ?? "";
    expect((await attendances(id)).map((a) => [a.student_number, a.method, a.removed_at])).toEqual([
      ["UP202300010", "teacher", null],
      ["UP202300011", "teacher", null],
    ]);
  });

  await test.step("browse past sheets by course unit", async () => {
    await page.getByRole("link", { name: "My sheets" }).click();
    await page
      .getByLabel("Course unit", { exact: true })
      .last()
      .selectOption({ label: `${unitCode} · Engenharia de Software` });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/unit=/);
    await expect(page.getByRole("link", { name: new RegExp(`${unitCode} · Engenharia de Software.*Opened`) })).toBeVisible();
    await expect(page.getByText("2 present")).toBeVisible();
    await saveScreenshot(page, "dashboard", testInfo);
  });

  await test.step("profile: name, password and an API token", async () => {
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByLabel("Name").fill("Carla M. Mendes");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();

    // A new sign-in e-mail needs the current password: without it the form says so at the field.
    const details = page.getByRole("region", { name: "Your details" });
    await details.getByLabel("E-mail", { exact: true }).fill(`moved-${email}`);
    await details.getByRole("button", { name: "Save" }).click();
    await expect(details.getByLabel("Current password (only to change the e-mail)")).toHaveAttribute("aria-invalid", "true");
    await details.getByLabel("Current password (only to change the e-mail)").fill("not my password");
    await details.getByRole("button", { name: "Save" }).click();
    await expect(details.getByRole("status")).toContainText("password");
    expect((await call("POST", "/api/tokens", { body: { email, password: PASSWORD } })).status).toBe(201);
    await details.getByLabel("E-mail", { exact: true }).fill(email);

    const scriptToken = (await call<{ token: string }>("POST", "/api/tokens", { body: { email, password: PASSWORD } })).body.token;
    const newPassword = "another long passphrase";
    await page.getByLabel("Current password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("New password").fill(newPassword);
    await page.getByLabel("Also revoke all my API tokens (scripts using them stop working)").check();
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed.")).toBeVisible();
    expect((await call("GET", "/api/me", { token: scriptToken })).status).toBe(401);

    await page.getByLabel("Label").fill("grades script");
    await page.locator("#token-password").fill(newPassword);
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent()) ?? "";
    expect(token).toMatch(/^prs_/);
    expect((await call("GET", "/api/me", { token })).body).toMatchObject({ name: "Carla M. Mendes", email });
    await page.getByRole("button", { name: "Revoke grades script" }).click();
    await page.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(page.getByText("Token revoked.")).toBeVisible();
    expect((await call("GET", "/api/me", { token })).status).toBe(401);
  });

  await test.step("sign out", async () => {
    const copied = (await page.context().cookies())
      .filter((c) => c.name.includes("session-token"))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    expect((await call("GET", "/api/me", { headers: { cookie: copied } })).status).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    // A copy of the cookie taken before signing out is worth nothing afterwards.
    expect((await call("GET", "/api/me", { headers: { cookie: copied } })).status).toBe(401);
    await page.goto(sheetUrl);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });
});

test("signing in from a crafted return link stays on the site", async ({ page }) => {
  const teacher = await newTeacher("Rui Lopes");
  // A tab the browser drops would turn "/<TAB>/evil.example" into "//evil.example".
  await page.goto("/login?callbackUrl=%2F%09%2Fevil.example");
  await page.getByLabel("E-mail").fill(teacher.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(new URL(page.url()).origin).toBe(new URL(process.env.PLAYWRIGHT_BASE_URL ?? "http://127.0.0.1:3000").origin);
});

test("a sheet closed or reopened from another device shows so on an open sheet page", async ({ page }) => {
  const teacher = await newTeacher("Rui Pinto");
  const sheet = await newSheet(teacher, "Prática 4");
  await signIn(page, teacher.email);
  await page.goto(`/sheets/${sheet.id}`);
  await expect(page.getByRole("button", { name: "Close sheet" })).toBeVisible();

  expect((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } })).status).toBe(200);
  await expect(page.getByText("This sheet is closed: students can no longer register.")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Reopen sheet" })).toBeVisible();

  expect((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "open" } })).status).toBe(200);
  await expect(page.getByRole("button", { name: "Close sheet" })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("link", { name: "Project QR code" })).toBeVisible();
});

test("on a 360 px phone every entry's Remove button is on screen, and it works", async ({ page }) => {
  const teacher = await newTeacher("Sofia Matos");
  const sheet = await newSheet(teacher, "Seminário");
  const body = { studentNumber: "UP202412345678", name: "Maria da Conceição Albuquerque Vasconcelos" };
  expect((await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body })).status).toBe(201);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, teacher.email);
  await page.goto(`/sheets/${sheet.id}`);
  const remove = page.getByRole("button", { name: `Remove ${body.name}` });
  await expect(remove).toBeVisible();
  const box = await remove.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 360, `Remove at ${JSON.stringify(box)}`).toBe(true);
  await remove.click();
  await expect(page.getByRole("cell", { name: body.name, exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo" })).toBeInViewport();
});

test("a sheet of more than a thousand students stays live past the first thousand", async ({ page }) => {
  const teacher = await newTeacher("Vera Lopes");
  const sheet = await newSheet(teacher, "Anfiteatro");
  await db().query(
    `INSERT INTO attendances (sheet_id, student_number, name, method, created_at)
     SELECT $1, 'B' || n, 'Student ' || n, 'teacher', now() - interval '1 hour' + n * interval '1 ms' FROM generate_series(1, 1000) AS n`,
    [sheet.id],
  );
  await signIn(page, teacher.email);
  await page.goto(`/sheets/${sheet.id}`);
  await expect(page.getByText("1000 present")).toBeVisible();
  const late = await call("POST", `/api/sheets/${sheet.id}/attendances`, {
    token: teacher.token,
    body: { studentNumber: "LATE1", name: "Late Arrival" },
  });
  expect(late.status).toBe(201);
  await expect(page.getByText("1001 present")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText("Late Arrival", { exact: true })).toBeVisible();
});
