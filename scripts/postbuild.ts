/**
 * Completes the standalone server after `next build`: it needs public/, the hashed static assets and
 * the migrations (readiness compares them with the database) beside server.js, and our entry point
 * (server/main.ts → main.js). Text assets get a gzip twin for nginx's gzip_static.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { build } from "esbuild";

const standalone = path.join(".next", "standalone");

/** Compresses text assets once at build time (best level), so nginx never compresses them per request. */
function precompress(dir: string): number {
  const text = /\.(js|mjs|css|json|map|svg|txt|html|webmanifest|xml)$/;
  let count = 0;
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const file = path.join(dir, name);
    if (!text.test(name) || !fs.statSync(file).isFile()) continue;
    const raw = fs.readFileSync(file);
    if (raw.length < 1024) continue;
    const gz = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION });
    if (gz.length >= raw.length) continue;
    fs.writeFileSync(`${file}.gz`, gz);
    fs.utimesSync(`${file}.gz`, fs.statSync(file).atime, fs.statSync(file).mtime);
    count++;
  }
  return count;
}

const copies: [string, string][] = [
  ["public", path.join(standalone, "public")],
  [path.join(".next", "static"), path.join(standalone, ".next", "static")],
  [path.join("prisma", "migrations"), path.join(standalone, "prisma", "migrations")],
];
for (const [from, to] of copies) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

const gzipped = precompress(path.join(standalone, ".next", "static")) + precompress(path.join(standalone, "public"));

const entry = build({
  entryPoints: ["server/main.ts"],
  outfile: path.join(standalone, "main.js"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Next and pg stay the copies traced into the standalone folder: the pool (server/pool.ts) is shared
  // with Next's bundles, and the Prisma adapter only adopts a pool of its own pg's class.
  external: ["next", "pg"],
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
});

// The entry answers check-ins itself so that they cost as little as possible: it must never pull in the
// ORM (Prisma's client and its WebAssembly query compiler), which the rest of the app loads through Next.
const ormModule = /(^|\/)(@prisma\/|generated\/prisma\/|server\/db\.ts$)/;

void entry.then(({ metafile }) => {
  const orm = Object.keys(metafile.inputs).filter((input) => ormModule.test(input));
  if (orm.length) {
    console.error(`postbuild: the entry bundle must not include the ORM, but it includes:\n  ${orm.slice(0, 10).join("\n  ")}`);
    process.exit(1);
  }
  const inputs = Object.keys(metafile.inputs).length;
  console.log(
    `postbuild: standalone server completed in ${standalone} (entry main.js of ${inputs} modules, no ORM; ${gzipped} precompressed assets)`,
  );
});
