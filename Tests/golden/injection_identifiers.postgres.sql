SELECT "x""; DROP TABLE t; --", "a]b"
FROM "w" AS t0
WHERE ("a]b" > 0) AND ("it's" <> 'O''Brien')
