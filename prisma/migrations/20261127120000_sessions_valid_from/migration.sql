-- A password change ends the browser sessions signed in before it.
ALTER TABLE "teachers" ADD COLUMN "sessions_valid_from" TIMESTAMPTZ(3);
