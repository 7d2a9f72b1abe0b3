-- Before project roles every user could do everything; keep it so, so an upgrade locks no one out.
-- Users created afterwards start as non-administrators (the column default).
UPDATE "users" SET "admin" = true;
