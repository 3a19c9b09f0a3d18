/**
 * Before the camera project's Chromium starts: a teacher signs in (the session is kept for the camera
 * test) and the QR their projection page shows is filmed into the video that Chromium's fake camera
 * plays.
 */
import fs from "node:fs";
import { test as setup } from "@playwright/test";
import { cameraSheetFile, cameraVideo } from "../playwright.config";
import { filmProjectedQr } from "./film";
import { newSheet, newTeacher, signIn } from "./support";

setup("film the projected QR code", async ({ page }) => {
  const teacher = await newTeacher("Rui Camacho");
  const sheet = await newSheet(teacher, "Camera");
  await signIn(page, teacher.email);
  await page.goto(`/sheets/${sheet.id}/projection`);
  await filmProjectedQr(page, cameraVideo);
  const storageState = await page.context().storageState();
  fs.writeFileSync(cameraSheetFile, JSON.stringify({ teacher, storageState }));
});
