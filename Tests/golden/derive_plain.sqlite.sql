SELECT
  "id",
  CASE WHEN typeof("x" * 2) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" * 2 END AS "x",
  CASE WHEN typeof("x" + "y") = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" + "y" END AS "z"
FROM "t" AS t0
