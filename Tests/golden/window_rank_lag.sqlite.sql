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
    LEAD("s", 2) OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST) AS "q",
    CASE WHEN typeof("x" - LAG("x", 1) OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" - LAG("x", 1) OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "s" NULLS LAST) END AS "dx"
  FROM "t" AS t0
)
SELECT "id", "r", "rk", "dr", "p", "q", "dx"
FROM "__rex_t1" AS t1
