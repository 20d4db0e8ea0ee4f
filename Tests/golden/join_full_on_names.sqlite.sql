WITH "__rex_t2" AS (
  SELECT
    COALESCE(t0."id", t1."id") AS "id",
    t0."x" AS "x_left",
    t0."y" AS "y",
    t0."f" AS "f",
    t0."s" AS "s",
    t0."g" AS "g",
    t0."b" AS "b",
    t0."d" AS "d",
    t0."n" AS "n",
    t1."v" AS "v",
    t1."x" AS "x_right"
  FROM "t" AS t0
  LEFT JOIN "u" AS t1 ON t0."id" = t1."id"
  UNION ALL
  SELECT
    t1."id" AS "id",
    NULL AS "x_left",
    NULL AS "y",
    NULL AS "f",
    NULL AS "s",
    NULL AS "g",
    NULL AS "b",
    NULL AS "d",
    NULL AS "n",
    t1."v" AS "v",
    t1."x" AS "x_right"
  FROM "u" AS t1
  LEFT JOIN (
    SELECT 1 AS "__rex_matched", t0.*
    FROM "t" AS t0
  ) AS t0 ON t0."id" = t1."id"
  WHERE t0."__rex_matched" IS NULL
)
SELECT "id", "x_left", "y", "f", "s", "g", "b", "d", "n", "v", "x_right"
FROM "__rex_t2" AS t2
