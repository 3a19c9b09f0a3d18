-- CreateEnum
CREATE TYPE "attendance_status" AS ENUM ('present', 'late', 'excused', 'absent');

-- AlterTable
ALTER TABLE "attendances" ADD COLUMN     "status" "attendance_status",
ADD COLUMN     "status_note" TEXT;

-- AlterTable
ALTER TABLE "course_units" ADD COLUMN     "late_after_minutes" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "minimum_rate" INTEGER NOT NULL DEFAULT 75,
ADD COLUMN     "owner_id" UUID;

-- AlterTable
ALTER TABLE "sheets" ADD COLUMN     "late_after" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "course_unit_members" (
    "course_unit_id" UUID NOT NULL,
    "teacher_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_unit_members_pkey" PRIMARY KEY ("course_unit_id","teacher_id")
);

-- CreateTable
CREATE TABLE "roster_students" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "course_unit_id" UUID NOT NULL,
    "student_number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "class_group" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roster_students_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "erased_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "course_unit_id" UUID NOT NULL,
    "sheet_id" UUID NOT NULL,
    "erased_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "erased_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "course_unit_members_teacher_id_idx" ON "course_unit_members"("teacher_id");

-- CreateIndex
CREATE UNIQUE INDEX "roster_students_course_unit_id_student_number_key" ON "roster_students"("course_unit_id", "student_number");

-- CreateIndex
CREATE INDEX "erased_entries_course_unit_id_idx" ON "erased_entries"("course_unit_id");

-- AddForeignKey
ALTER TABLE "course_units" ADD CONSTRAINT "course_units_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "teachers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_unit_members" ADD CONSTRAINT "course_unit_members_course_unit_id_fkey" FOREIGN KEY ("course_unit_id") REFERENCES "course_units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_unit_members" ADD CONSTRAINT "course_unit_members_teacher_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "teachers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_students" ADD CONSTRAINT "roster_students_course_unit_id_fkey" FOREIGN KEY ("course_unit_id") REFERENCES "course_units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "erased_entries" ADD CONSTRAINT "erased_entries_course_unit_id_fkey" FOREIGN KEY ("course_unit_id") REFERENCES "course_units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "erased_entries" ADD CONSTRAINT "erased_entries_sheet_id_fkey" FOREIGN KEY ("sheet_id") REFERENCES "sheets"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Each existing course unit's team is led by the teacher who added it, else by whoever opened its first sheet.
UPDATE "course_units" cu SET "owner_id" = COALESCE(cu."created_by_id", (
  SELECT s."owner_id" FROM "sheets" s WHERE s."course_unit_id" = cu."id" ORDER BY s."created_at", s."id" LIMIT 1
));
