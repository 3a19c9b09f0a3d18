-- Presence signals kept with each check-in (keyed hashes, never addresses), students' own corrections,
-- the teacher's confirmation, where a sheet is projected from and its classroom-network rule, and the
-- wrong-digit counters shared by every instance.
-- AlterTable
ALTER TABLE "attendances" ADD COLUMN     "confirmed_at" TIMESTAMPTZ(3),
ADD COLUMN     "corrected_at" TIMESTAMPTZ(3),
ADD COLUMN     "corrected_from" TEXT,
ADD COLUMN     "network" TEXT,
ADD COLUMN     "signals" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "sheet_presences" (
    "sheet_id" UUID NOT NULL,
    "projection_network" TEXT,
    "projection_seen_at" TIMESTAMPTZ(3),
    "strict" BOOLEAN NOT NULL DEFAULT false,
    "networks" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "sheet_presences_pkey" PRIMARY KEY ("sheet_id")
);

-- CreateTable
CREATE TABLE "checkin_guards" (
    "key" TEXT NOT NULL,
    "sheet_id" UUID,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paused_until" TIMESTAMPTZ(3),
    "total" INTEGER NOT NULL DEFAULT 0,
    "last_at" TIMESTAMPTZ(3),

    CONSTRAINT "checkin_guards_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "checkin_guards_sheet_id_idx" ON "checkin_guards"("sheet_id");

-- CreateIndex
CREATE INDEX "attendances_device_hash_idx" ON "attendances"("device_hash");

-- AddForeignKey
ALTER TABLE "sheet_presences" ADD CONSTRAINT "sheet_presences_sheet_id_fkey" FOREIGN KEY ("sheet_id") REFERENCES "sheets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkin_guards" ADD CONSTRAINT "checkin_guards_sheet_id_fkey" FOREIGN KEY ("sheet_id") REFERENCES "sheets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

