-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "sheet_status" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "checkin_method" AS ENUM ('qr', 'code', 'teacher');

-- CreateTable
CREATE TABLE "teachers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "teachers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "teacher_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_units" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sheets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "course_unit_id" UUID NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "status" "sheet_status" NOT NULL DEFAULT 'open',
    "secret" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "sheets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendances" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sheet_id" UUID NOT NULL,
    "student_number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "method" "checkin_method" NOT NULL,
    "device_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),
    "removed_by_id" UUID,

    CONSTRAINT "attendances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "teachers_email_key" ON "teachers"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_teacher_id_created_at_idx" ON "api_tokens"("teacher_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "course_units_code_key" ON "course_units"("code");

-- CreateIndex
CREATE UNIQUE INDEX "sheets_code_key" ON "sheets"("code");

-- CreateIndex
CREATE INDEX "sheets_owner_id_course_unit_id_created_at_idx" ON "sheets"("owner_id", "course_unit_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "sheets_owner_id_created_at_idx" ON "sheets"("owner_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "attendances_sheet_id_created_at_idx" ON "attendances"("sheet_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "attendances_sheet_id_student_number_key" ON "attendances"("sheet_id", "student_number");

-- CreateIndex
CREATE UNIQUE INDEX "attendances_sheet_id_device_hash_key" ON "attendances"("sheet_id", "device_hash");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_teacher_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "teachers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_units" ADD CONSTRAINT "course_units_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "teachers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "teachers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_course_unit_id_fkey" FOREIGN KEY ("course_unit_id") REFERENCES "course_units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_sheet_id_fkey" FOREIGN KEY ("sheet_id") REFERENCES "sheets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_removed_by_id_fkey" FOREIGN KEY ("removed_by_id") REFERENCES "teachers"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Last line of defence for rules the application validates first.
ALTER TABLE "teachers" ADD CONSTRAINT "teachers_email_lowercase" CHECK ("email" = lower("email"));
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_name_length" CHECK (char_length("name") BETWEEN 2 AND 120);
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_student_number_length" CHECK (char_length("student_number") BETWEEN 1 AND 20);
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_closed_at" CHECK ("status" = 'open' OR "closed_at" IS NOT NULL);
