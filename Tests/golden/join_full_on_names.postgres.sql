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
FULL OUTER JOIN "u" AS t1 ON t0."id" = t1."id"
