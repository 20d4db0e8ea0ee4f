SELECT "id"
FROM "t" AS t0
WHERE (("s" LIKE E'%\\%\\_%' ESCAPE E'\\') OR ("s" LIKE E'a\\_%' ESCAPE E'\\')) OR ("s" LIKE '%[c]' ESCAPE E'\\')
