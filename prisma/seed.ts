/** Loads the course-unit catalogue from prisma/course-units.csv; safe to run again (upsert by code). */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../server/generated/prisma/client";

// A one-off script: it needs only the database, not the app's whole configuration.
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

type Row = { code: string; name: string };

async function main(): Promise<void> {
  const file = path.join(__dirname, "course-units.csv");
  const rows = parse<Row>(fs.readFileSync(file), { columns: true, skip_empty_lines: true, trim: true });
  for (const { code, name } of rows) {
    await prisma.courseUnit.upsert({ where: { code }, update: { name }, create: { code, name } });
  }
  console.log(`Seed: ${rows.length} course units loaded.`);
}

main()
  .finally(() => prisma.$disconnect())
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
