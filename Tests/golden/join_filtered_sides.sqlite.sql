WITH "__rex_t2" AS (
  SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n"
  FROM "t" AS t0
  WHERE "x" > 0
),
"__rex_t3" AS (
  SELECT "id", "v", "x"
  FROM "u" AS t1
  WHERE "v" <> 'nine'
)
SELECT
  t2."id" AS "id",
  t2."x" AS "x_left",
  t2."y" AS "y",
  t2."f" AS "f",
  t2."s" AS "s",
  t2."g" AS "g",
  t2."b" AS "b",
  t2."d" AS "d",
  t2."n" AS "n",
  t3."v" AS "v",
  t3."x" AS "x_right"
FROM "__rex_t2" AS t2
INNER JOIN "__rex_t3" AS t3 ON t2."id" = t3."id"
