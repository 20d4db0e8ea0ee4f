SELECT "id", "s"
FROM "t" AS t0
WHERE ("x" > 1) AND ("s" <> 'a')
