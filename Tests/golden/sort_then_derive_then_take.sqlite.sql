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
  CASE WHEN typeof("id" * 2) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "id" * 2 END AS "k"
FROM "t" AS t0
WHERE CASE WHEN typeof("id" * 2) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "id" * 2 END > 2
ORDER BY t0."s" NULLS LAST
LIMIT 2
