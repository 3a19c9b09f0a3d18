-- Live screens: every change to a sheet's entries or status is numbered per sheet and recorded, in the
-- same transaction as the change, so a screen that reconnects resumes exactly where it stopped. Each
-- change is also announced with NOTIFY (delivered at commit, never for a rollback) on `sheet_changes`,
-- payload "<sheet id> <seq>".
ALTER TABLE "sheets" ADD COLUMN "change_seq" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN "present_count" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "sheet_changes" (
    "sheet_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "entry" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sheet_changes_pkey" PRIMARY KEY ("sheet_id","seq")
);

ALTER TABLE "sheet_changes" ADD CONSTRAINT "sheet_changes_sheet_id_fkey" FOREIGN KEY ("sheet_id") REFERENCES "sheets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

UPDATE "sheets" s SET "present_count" = (SELECT count(*) FROM "attendances" a WHERE a."sheet_id" = s."id" AND a."removed_at" IS NULL);

-- The entry as the list shows it (times in UTC, as the API writes them).
CREATE FUNCTION "attendance_entry_json"(a "attendances") RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'id', a."id", 'studentNumber', a."student_number", 'name', a."name", 'method', a."method",
    'createdAt', to_char(a."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'removedAt', to_char(a."removed_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
$$;

-- The sheet's row is updated first: its lock orders the changes of one sheet, so sequence numbers commit
-- in order and a reader that has seen seq n never later finds a smaller one appear.
CREATE FUNCTION "record_attendance_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  change_kind TEXT;
  delta INTEGER := 0;
  next_seq BIGINT;
  total INTEGER;
BEGIN
  IF TG_OP = 'INSERT' THEN
    change_kind := 'added';
    delta := CASE WHEN NEW."removed_at" IS NULL THEN 1 ELSE 0 END;
  ELSIF OLD."removed_at" IS NULL AND NEW."removed_at" IS NOT NULL THEN
    change_kind := 'removed';
    delta := -1;
  ELSIF OLD."removed_at" IS NOT NULL AND NEW."removed_at" IS NULL THEN
    change_kind := 'restored';
    delta := 1;
  ELSIF (OLD."student_number", OLD."name", OLD."method", OLD."created_at")
      IS DISTINCT FROM (NEW."student_number", NEW."name", NEW."method", NEW."created_at") THEN
    change_kind := 'edited';
  ELSE
    RETURN NULL;
  END IF;
  UPDATE "sheets" SET "change_seq" = "change_seq" + 1, "present_count" = "present_count" + delta
    WHERE "id" = NEW."sheet_id" RETURNING "change_seq", "present_count" INTO next_seq, total;
  INSERT INTO "sheet_changes" ("sheet_id", "seq", "kind", "count", "entry")
    VALUES (NEW."sheet_id", next_seq, change_kind, total, "attendance_entry_json"(NEW));
  PERFORM pg_notify('sheet_changes', NEW."sheet_id"::TEXT || ' ' || next_seq::TEXT);
  RETURN NULL;
END $$;

CREATE TRIGGER "attendances_record_change" AFTER INSERT OR UPDATE ON "attendances"
  FOR EACH ROW EXECUTE FUNCTION "record_attendance_change"();

CREATE FUNCTION "record_sheet_status_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW."change_seq" := OLD."change_seq" + 1;
  INSERT INTO "sheet_changes" ("sheet_id", "seq", "kind", "count", "entry")
    VALUES (NEW."id", NEW."change_seq", CASE WHEN NEW."status" = 'closed' THEN 'closed' ELSE 'reopened' END, NEW."present_count", NULL);
  PERFORM pg_notify('sheet_changes', NEW."id"::TEXT || ' ' || NEW."change_seq"::TEXT);
  RETURN NEW;
END $$;

CREATE TRIGGER "sheets_record_status_change" BEFORE UPDATE OF "status" ON "sheets"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "record_sheet_status_change"();
