SELECT "s"
FROM "t" AS t0
WHERE "s" COLLATE "C" < 'a'
