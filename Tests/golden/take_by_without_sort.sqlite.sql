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
    ROW_NUMBER() OVER (PARTITION BY "g", "b" ORDER BY (SELECT NULL)) AS "__rex_rn"
  FROM "t" AS t0
)
SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n"
FROM "__rex_t1" AS t1
WHERE "__rex_rn" <= 1
