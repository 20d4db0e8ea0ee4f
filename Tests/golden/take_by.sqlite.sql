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
    ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "x" DESC NULLS LAST, "id" NULLS LAST) AS "__rex_rn"
  FROM "t" AS t0
)
SELECT "id", "g", "x"
FROM "__rex_t1" AS t1
WHERE "__rex_rn" <= 2
ORDER BY t1."x" DESC NULLS LAST, t1."id" NULLS LAST
