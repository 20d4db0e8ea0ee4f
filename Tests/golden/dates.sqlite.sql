SELECT
  "id",
  CAST(strftime('%Y', "d") AS INTEGER) AS "yy",
  CAST(strftime('%m', "d") AS INTEGER) AS "mo",
  CAST(strftime('%d', "d") AS INTEGER) AS "dd",
  (CAST(strftime('%w', "d") AS INTEGER) + 6) % 7 + 1 AS "wd"
FROM "t" AS t0
