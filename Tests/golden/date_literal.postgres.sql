SELECT "id"
FROM "t" AS t0
WHERE ("d" >= (DATE '2024-01-01')) AND ("d" < (DATE '2024-03-01'))
