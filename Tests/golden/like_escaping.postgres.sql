SELECT "id"
FROM "t" AS t0
WHERE (("s" LIKE '%\%\_%' ESCAPE '\') OR ("s" LIKE 'a\_%' ESCAPE '\')) OR ("s" LIKE '%[c]' ESCAPE '\')
