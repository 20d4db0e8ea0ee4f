WITH "__rex_t1" AS (
  SELECT
    "id",
    "x",
    "y",
    "f",
    "s",
    "g",
    "b",
    "d",
    "n",
    ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST) AS "r",
    RANK() OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST) AS "rk",
    DENSE_RANK() OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST) AS "dr",
    LAG("x", 1) OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST) AS "p",
    LEAD("s", 2) OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST) AS "q"
  FROM "t" AS t0
)
SELECT
  "id",
  "r",
  "rk",
  "dr",
  "p",
  "q",
  CASE WHEN typeof("x" - "p") = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" - "p" END AS "dx"
FROM "__rex_t1" AS t1
