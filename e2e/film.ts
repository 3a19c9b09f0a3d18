/** Films the QR a projection page shows: a PNG of it, turned by ffmpeg into the fake camera's video. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Waits for the next rotation (so the code has its full lifetime ahead), films it, returns its URL. */
export async function filmProjectedQr(projection: Page, video: string): Promise<string> {
  const qr = projection.getByRole("img", { name: "QR code to register attendance on this sheet" });
  await expect(qr).toHaveAttribute("data-url", /\?t=/);
  const first = (await qr.getAttribute("data-url")) ?? "";
  await expect(qr).not.toHaveAttribute("data-url", first, { timeout: 30_000 });
  const url = (await qr.getAttribute("data-url")) ?? "";
  fs.mkdirSync(path.dirname(video), { recursive: true });
  const png = video.replace(/\.y4m$/, ".png");
  await qr.screenshot({ path: png });
  execFileSync("ffmpeg", [
    ...["-loglevel", "error", "-y", "-loop", "1", "-i", png],
    ...["-vf", "scale=440:440,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p", "-r", "10", "-t", "1", video],
  ]);
  return url;
}
