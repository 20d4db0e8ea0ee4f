SELECT "id"
FROM "t" AS t0
WHERE ("d" >= ('2024-01-01')) AND ("d" < ('2024-03-01'))
