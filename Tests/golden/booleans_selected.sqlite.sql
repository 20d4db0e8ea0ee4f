SELECT
  "id",
  "x" > 1 AS "big",
  "b" AS "flag",
  "b" AND ("x" > 1) AS "both",
  NOT "b" AS "neg",
  1 AS "lit"
FROM "t" AS t0
