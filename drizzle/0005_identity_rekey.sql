-- Re-key existing people by Fortnox identity (tenant + Fortnox user id) instead of e-mail.
-- 1. Every membership that knows its Fortnox user becomes an identity. Should one Fortnox user have
--    reached two Brygga users (their e-mail changed between sign-ins), the latest membership wins.
INSERT INTO "identities" ("user_id", "tenant_id", "fortnox_user_id", "created_at")
SELECT DISTINCT ON (m."tenant_id", m."fortnox_user_id") m."user_id", m."tenant_id", m."fortnox_user_id", m."created_at"
FROM "memberships" m
WHERE m."fortnox_user_id" IS NOT NULL
ORDER BY m."tenant_id", m."fortnox_user_id", m."created_at" DESC, m."id";
--> statement-breakpoint
-- 2. (Data-modifying CTEs all run to completion; foreign keys are checked at the statement's end.)
--    Companies used to be joined by e-mail, which any company's SysAdmin could forge, and an
--    honest link cannot be told from a forged one. So each person keeps their first company; every
--    other identity becomes a person of its own (name and e-mail copied), and whoever owns several
--    companies links them again with "Add company" while signed in.
WITH extra AS (
  SELECT i."id", i."user_id", i."tenant_id", gen_random_uuid() AS "new_user_id"
  FROM "identities" i
  WHERE EXISTS (
    SELECT 1 FROM "identities" o
    WHERE o."user_id" = i."user_id" AND (o."created_at", o."id") < (i."created_at", i."id")
  )
), new_users AS (
  INSERT INTO "users" ("id", "email", "name", "locale", "created_at")
  SELECT e."new_user_id", u."email", u."name", u."locale", now() FROM extra e JOIN "users" u ON u."id" = e."user_id"
  RETURNING "id"
), moved AS (
  UPDATE "memberships" m SET "user_id" = e."new_user_id" FROM extra e
  WHERE m."user_id" = e."user_id" AND m."tenant_id" = e."tenant_id"
  RETURNING m."id"
)
UPDATE "identities" i SET "user_id" = e."new_user_id" FROM extra e WHERE i."id" = e."id";
--> statement-breakpoint
-- 3. A membership no Fortnox identity backs cannot be re-checked against Fortnox: it goes, and
--    comes back at that person's next sign-in.
DELETE FROM "memberships" m
WHERE NOT EXISTS (SELECT 1 FROM "identities" i WHERE i."user_id" = m."user_id" AND i."tenant_id" = m."tenant_id");
