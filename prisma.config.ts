import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrateAdapter, unrefLongTimers } from "./prisma/migrate-adapter";

// A config file stops Prisma from reading .env itself.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.CHECKPOINT_DISABLE ??= "1";
unrefLongTimers();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to work on.");
    return migrateAdapter(url);
  },
});
