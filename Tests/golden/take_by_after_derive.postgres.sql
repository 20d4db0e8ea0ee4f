SELECT "id", "g", "z"
FROM (
  SELECT
    "id",
    "g",
    "z",
    ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "__rex_sort_0" NULLS LAST) AS "__rex_rn",
    "__rex_sort_0"
  FROM (
    SELECT "id", "g", "x" + 1 AS "z", "f" AS "__rex_sort_0"
    FROM "t" AS t0
  ) AS t1
) AS t2
WHERE ("__rex_rn" <= 1) AND ("z" > 2)
ORDER BY t2."__rex_sort_0" NULLS LAST
