SELECT
  "id",
  "x" > 1 AS "big",
  "b" AS "flag",
  "b" AND ("x" > 1) AS "both",
  NOT "b" AS "neg",
  TRUE AS "lit"
FROM "t" AS t0
