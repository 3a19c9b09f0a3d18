/** Copies Swagger UI's files from swagger-ui-dist into public/, so the docs work offline (no CDN). */
import fs from "node:fs";
import path from "node:path";
import { getAbsoluteFSPath } from "swagger-ui-dist";

const files = ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png"];
const target = path.join("public", "swagger-ui");
fs.mkdirSync(target, { recursive: true });
for (const file of files) fs.copyFileSync(path.join(getAbsoluteFSPath(), file), path.join(target, file));
console.log(`Swagger UI: ${files.length} files copied to ${target}`);
