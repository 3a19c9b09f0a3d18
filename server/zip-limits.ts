/**
 * Guards an uploaded ZIP container (an XLSX workbook) before a library unpacks all of it in memory: a few
 * hundred kilobytes can inflate to gigabytes (a "zip bomb"). The entries are inflated once here, counting
 * the bytes, and reading stops at the first byte past the limit, so a lying size in the archive's
 * directory cannot get more through.
 */
import { finished } from "node:stream/promises";
import yauzl from "yauzl";

export type ZipLimits = { maxEntries: number; maxUncompressedBytes: number };

export class ZipTooLarge extends Error {}

export async function assertZipWithin(bytes: Buffer, limits: ZipLimits): Promise<void> {
  // validateEntrySizes makes the inflating stream fail when an entry holds more than its directory says.
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  try {
    if (zip.entryCount > limits.maxEntries) throw new ZipTooLarge(`has more than ${limits.maxEntries} parts`);
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) throw new ZipTooLarge("unpacks to more than the limit");
      const stream = await zip.openReadStreamPromise(entry);
      stream.resume();
      await finished(stream);
    }
  } finally {
    zip.close();
  }
}
