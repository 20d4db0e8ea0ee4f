WITH "__rex_t1" AS (
  SELECT
    "id",
    "g",
    CASE WHEN typeof("x" + 1) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" + 1 END AS "z",
    "f" AS "__rex_sort_0"
  FROM "t" AS t0
),
"__rex_t2" AS (
  SELECT
    "id",
    "g",
    "z",
    ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "__rex_sort_0" NULLS LAST) AS "__rex_rn",
    "__rex_sort_0"
  FROM "__rex_t1" AS t1
)
SELECT "id", "g", "z"
FROM "__rex_t2" AS t2
WHERE ("__rex_rn" <= 1) AND ("z" > 2)
ORDER BY t2."__rex_sort_0" NULLS LAST
