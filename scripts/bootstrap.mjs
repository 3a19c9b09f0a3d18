// @ts-check
/**
 * What `npm start`, `npm test`, `npm run bench` and `npm run audit` run first, so that on a fresh clone
 * they are the only commands there are. Plain JavaScript with no dependencies, because it runs before
 * any are installed:
 *   node scripts/bootstrap.mjs [--build] <script.ts> [args…]
 * 1. installs the locked dependencies (`npm ci`) when node_modules is missing or differs from
 *    package-lock.json;
 * 2. with --build, builds the app (`npm run build`) when there is no build or a source file is newer
 *    than it;
 * 3. runs the TypeScript script with tsx, passing signals on and exiting with its code.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const buildStamp = path.join(root, ".next", "standalone", "main.js");
/** What a build is made from; tests, benchmarks and docs do not change it. */
const buildInputs = [
  "app",
  "components",
  "lib",
  "server",
  "prisma",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "scripts/postbuild.ts",
  "scripts/build-openapi.ts",
];
/** Written by the build itself (generated client, service worker, copied Swagger UI). */
const buildOutputs = [path.join("server", "generated"), path.join("public", "sw.js"), path.join("public", "swagger-ui")];

/** @param {string} file @returns {any} */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** @returns {string | undefined} why the installed dependencies are not the locked ones */
function dependenciesOutOfDate() {
  const manifest = readJson(path.join(root, "package.json"));
  const lock = readJson(path.join(root, "package-lock.json"));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  for (const name of names) {
    const locked = lock.packages?.[`node_modules/${name}`]?.version;
    const installedFile = path.join(root, "node_modules", name, "package.json");
    if (!fs.existsSync(installedFile)) return `${name} is not installed`;
    const installed = readJson(installedFile).version;
    if (locked !== installed) return `${name} is ${installed}, the lock file says ${locked}`;
  }
  return undefined;
}

/** @param {string} target @param {number} since @returns {boolean} */
function newerThan(target, since) {
  const full = path.join(root, target);
  if (!fs.existsSync(full) || buildOutputs.some((out) => full.startsWith(path.join(root, out)))) return false;
  const stat = fs.statSync(full);
  if (stat.isFile()) return stat.mtimeMs > since;
  return fs.readdirSync(full).some((entry) => newerThan(path.join(target, entry), since));
}

/** @returns {string | undefined} why the app must be built */
function buildOutOfDate() {
  if (!fs.existsSync(buildStamp)) return "there is no build yet";
  const builtAt = fs.statSync(buildStamp).mtimeMs;
  const changed = buildInputs.find((input) => newerThan(input, builtAt));
  return changed ? `${changed} changed since the last build` : undefined;
}

/** @param {string} command @param {string[]} args */
function runOrExit(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const wantsBuild = args[0] === "--build";
if (wantsBuild) args.shift();
const [script, ...scriptArgs] = args;
if (!script) {
  console.error("usage: node scripts/bootstrap.mjs [--build] <script.ts> [args…]");
  process.exit(64);
}

const staleDependencies = dependenciesOutOfDate();
if (staleDependencies) {
  console.log(`Installing dependencies (${staleDependencies}): npm ci`);
  runOrExit("npm", ["ci", "--no-audit", "--no-fund"]);
}
const staleBuild = wantsBuild ? buildOutOfDate() : undefined;
if (staleBuild) {
  console.log(`Building the app (${staleBuild}): npm run build`);
  runOrExit("npm", ["run", "build"]);
}

const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [script, ...scriptArgs], { cwd: root, stdio: "inherit" });
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
