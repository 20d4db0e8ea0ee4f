SELECT
  "id",
  CASE WHEN typeof("x" - CASE WHEN typeof("y" - 1) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "y" - 1 END) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" - CASE WHEN typeof("y" - 1) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "y" - 1 END END AS "a",
  CASE WHEN typeof(CASE WHEN typeof(-CASE WHEN typeof("x" + "y") = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" + "y" END) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE -CASE WHEN typeof("x" + "y") = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" + "y" END END * 2) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE CASE WHEN typeof(-CASE WHEN typeof("x" + "y") = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" + "y" END) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE -CASE WHEN typeof("x" + "y") = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" + "y" END END * 2 END AS "b",
  CASE WHEN typeof("x" - (-1)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "x" - (-1) END AS "c"
FROM "t" AS t0
