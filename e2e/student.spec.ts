import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { attendances, call, closeDb, db, expectAccessible, phone, projectedUrl, saveScreenshot, teacherWithSheet } from "./support";

test.afterAll(closeDb);

test("a student on a phone registers from the projected QR and the teacher's open sheet shows them without reloading", async ({
  page,
  browser,
}, testInfo) => {
  const { sheet } = await teacherWithSheet(page, "Laboratório 3: ordenação");
  await page.goto(`/sheets/${sheet.id}`);
  await expect(page.getByText("No one has registered yet")).toBeVisible();

  const projector = await page.context().newPage();
  await projector.goto(`/sheets/${sheet.id}/projection`);
  const url = await projectedUrl(projector);
  await expect(projector.getByText(sheet.code)).toBeVisible();

  const student = await phone(browser);
  const mobile = await student.newPage();
  await mobile.goto(url);
  await expect(mobile.getByLabel("Student number")).toBeVisible();
  // The token is used at once and taken out of the address bar.
  await expect(mobile).toHaveURL(new RegExp(`/c/${sheet.code}$`));
  await expectAccessible(mobile, "check-in form");
  await mobile.getByLabel("Student number").fill("up202300001");
  await mobile.getByLabel("Full name").fill("Maria Silva");
  await mobile.getByRole("button", { name: "Register" }).click();

  await expect(mobile.getByRole("heading", { name: "You are registered" })).toBeVisible();
  await expect(mobile.getByText("UP202300001", { exact: true })).toBeVisible();
  await expectAccessible(mobile, "check-in confirmation");
  await saveScreenshot(mobile, "student-confirmation", testInfo);

  await expect(page.getByRole("cell", { name: "Maria Silva", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Attendance — 1 present/ })).toBeVisible();
  await expect(projector.getByText(/^1$/)).toBeVisible();
  await saveScreenshot(projector, "projection", testInfo);
  await page.getByRole("button", { name: "Close sheet" }).waitFor();
  await saveScreenshot(page, "teacher-sheet", testInfo);

  // The same phone scans again: its receipt, never a second row, and the one correction it may make.
  await mobile.goto(await projectedUrl(projector));
  await expect(mobile.getByRole("heading", { name: "You were already registered" })).toBeVisible();
  await expect(mobile.getByText("UP202300001", { exact: true })).toBeVisible();
  await expect(mobile.getByRole("button", { name: "Correct my entry" })).toBeVisible();
  expect((await attendances(sheet.id)).map((a) => a.student_number)).toEqual(["UP202300001"]);
  await student.close();
});

test("a photographed QR opened after its windows passed is refused as expired, and the typed code works", async ({ page, browser }) => {
  const { teacher, sheet } = await teacherWithSheet(page);
  const qr = await call<{ windowSeconds: number; digits: string; serverTime: string }>("GET", `/api/sheets/${sheet.id}/qr`, {
    token: teacher.token,
  });
  // The token of a window three rotations ago, made with the sheet's own secret as the server makes it.
  const { rows } = await db().query<{ secret: Buffer }>("SELECT secret FROM sheets WHERE id = $1", [sheet.id]);
  const window = Math.floor(Date.parse(qr.body.serverTime) / 1000 / qr.body.windowSeconds) - 3;
  const old = createHmac("sha256", rows[0]!.secret).update(`qr|${sheet.id}|${window}`).digest().subarray(0, 12).toString("base64url");

  const student = await phone(browser);
  const mobile = await student.newPage();
  await mobile.goto(`/c/${sheet.code}?t=${old}`);
  await expect(mobile.getByRole("main").getByRole("alert")).toContainText("This QR code has expired. Scan the code on the screen again.");
  await expectAccessible(mobile, "expired code");

  // The next step offered: type the digits shown beside the code.
  await page.goto(`/sheets/${sheet.id}/projection`);
  await expect(page.getByTestId("digits")).toHaveText(/^\d{4}$/);
  await mobile.getByLabel("Digits").fill((await page.getByTestId("digits").textContent()) ?? "");
  await mobile.getByRole("button", { name: "Continue" }).click();
  await mobile.getByLabel("Student number").fill("UP202300003");
  await mobile.getByLabel("Full name").fill("Rita Gomes");
  await mobile.getByRole("button", { name: "Register" }).click();
  await expect(mobile.getByRole("heading", { name: "You are registered" })).toBeVisible();
  expect((await attendances(sheet.id)).map((a) => [a.student_number, a.method])).toEqual([["UP202300003", "code"]]);
  await student.close();
});

test("the typed code from the home page works without the camera", async ({ page, browser }) => {
  const { sheet } = await teacherWithSheet(page);
  await page.goto(`/sheets/${sheet.id}/projection`);
  await expect(page.getByTestId("digits")).toHaveText(/^\d{4}$/);
  const student = await phone(browser);
  const mobile = await student.newPage();
  await mobile.goto("/");
  await mobile.getByLabel("Sheet code").fill(sheet.code.toLowerCase());
  await mobile.getByLabel("Digits").fill((await page.getByTestId("digits").textContent()) ?? "");
  await mobile.getByRole("button", { name: "Continue" }).click();
  await mobile.getByLabel("Student number").fill("UP202300004");
  await mobile.getByLabel("Full name").fill("Tiago Reis");
  await mobile.getByRole("button", { name: "Register" }).click();
  await expect(mobile.getByRole("heading", { name: "You are registered" })).toBeVisible();
  await student.close();
});

test("a check-in submitted offline is kept, sent when the connection returns, and recorded exactly once", async ({ page, browser }) => {
  const { sheet } = await teacherWithSheet(page);
  await page.goto(`/sheets/${sheet.id}/projection`);
  const student = await phone(browser);
  const mobile = await student.newPage();
  await mobile.goto(await projectedUrl(page));
  await mobile.getByLabel("Student number").fill("UP202300005");
  await mobile.getByLabel("Full name").fill("Inês Duarte");

  await student.setOffline(true);
  await mobile.getByRole("button", { name: "Register" }).click();
  await expect(mobile.getByRole("heading", { name: "Not sent yet" })).toBeVisible();
  await expect(mobile.getByText("Your registration is kept on this phone")).toBeVisible();
  // A manual retry while still offline changes nothing.
  await mobile.getByRole("button", { name: "Try sending now" }).click();
  await expect(mobile.getByRole("heading", { name: "Not sent yet" })).toBeVisible();
  expect(await attendances(sheet.id)).toEqual([]);

  await student.setOffline(false);
  await expect(mobile.getByRole("heading", { name: "You are registered" })).toBeVisible();
  const rows = await attendances(sheet.id);
  expect(rows.map((a) => a.student_number)).toEqual(["UP202300005"]);
  await student.close();
});

test("a closed sheet tells the student so, with what to do", async ({ page, browser }) => {
  const { sheet } = await teacherWithSheet(page);
  await page.goto(`/sheets/${sheet.id}/projection`);
  const url = await projectedUrl(page);
  await page.goto(`/sheets/${sheet.id}`);
  await page.getByRole("button", { name: "Close sheet" }).click();
  await expect(page.getByText("This sheet is closed")).toBeVisible();

  const student = await phone(browser);
  const mobile = await student.newPage();
  await mobile.goto(url);
  await expect(mobile.getByRole("main").getByRole("alert")).toContainText("This attendance sheet is closed. Ask your teacher to add you.");
  await expect(mobile.getByLabel("Student number")).toHaveCount(0);
  await student.close();
});
