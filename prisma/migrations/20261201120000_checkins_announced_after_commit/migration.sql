-- A NOTIFY holds PostgreSQL's one notification-queue lock from just before commit until the commit is
-- flushed to disk, so every notifying transaction of the database commits one after another, each
-- waiting for its own WAL flush. At a lecture start that made the students' check-ins queue behind one
-- another for seconds. A student's check-in (an insert with the method `qr` or `code`, made only by the
-- check-in path) is therefore announced by the instance once it has committed, batched with others and
-- without waiting for the flush (server/live/hub.ts); every other change still notifies in its own
-- transaction. The change itself is numbered and logged in the same transaction as before.
CREATE OR REPLACE FUNCTION "record_attendance_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
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
  IF NOT (TG_OP = 'INSERT' AND NEW."method" IN ('qr', 'code')) THEN
    PERFORM pg_notify('sheet_changes', NEW."sheet_id"::TEXT || ' ' || next_seq::TEXT);
  END IF;
  RETURN NULL;
END $$;
