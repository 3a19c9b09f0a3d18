/**
 * Completes the standalone server after `next build`: it needs public/, the hashed static assets and
 * the migrations (readiness compares them with the database) beside server.js.
 */
import fs from "node:fs";
import path from "node:path";

const standalone = path.join(".next", "standalone");
const copies: [string, string][] = [
  ["public", path.join(standalone, "public")],
  [path.join(".next", "static"), path.join(standalone, ".next", "static")],
  [path.join("prisma", "migrations"), path.join(standalone, "prisma", "migrations")],
];
for (const [from, to] of copies) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}
console.log(`postbuild: standalone server completed in ${standalone}`);
