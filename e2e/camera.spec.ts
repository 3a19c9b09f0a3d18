import fs from "node:fs";
import { devices, expect, test, type BrowserContextOptions } from "@playwright/test";
import { cameraSheetFile, cameraVideo } from "../playwright.config";
import { filmProjectedQr } from "./film";
import { attendances, closeDb, newSheet, type Teacher } from "./support";

test.afterAll(closeDb);

test("the in-app scanner reads the projected QR through the camera and the check-in succeeds", async ({ page, browser }) => {
  const { teacher, storageState } = JSON.parse(fs.readFileSync(cameraSheetFile, "utf8")) as {
    teacher: Teacher;
    storageState: BrowserContextOptions["storageState"];
  };
  // A new sheet filmed now: Chromium reads the video when the camera opens, so the code is fresh.
  const sheet = await newSheet(teacher, "Camera, live");
  const projector = await browser.newContext({ ...devices["Desktop Chrome"], viewport: { width: 1366, height: 768 }, storageState });
  const projection = await projector.newPage();
  await projection.goto(`/sheets/${sheet.id}/projection`);
  const filmed = await filmProjectedQr(projection, cameraVideo);

  await page.goto("/");
  await page.getByRole("link", { name: "Scan the QR code" }).click();
  await page.getByRole("button", { name: "Open the camera" }).click();
  await page.waitForURL(new RegExp(`/c/${sheet.code}`));
  expect(filmed).toContain(`/c/${sheet.code}?t=`);
  await page.getByLabel("Student number").fill("UP202300099");
  await page.getByLabel("Full name").fill("Camila Rocha");
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "You are registered" })).toBeVisible();
  expect((await attendances(sheet.id)).map((a) => [a.student_number, a.method])).toEqual([["UP202300099", "qr"]]);
  await projector.close();
});
