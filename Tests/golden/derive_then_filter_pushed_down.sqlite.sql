SELECT
  "id",
  CASE WHEN typeof("id" * 2) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "id" * 2 END AS "k"
FROM "t" AS t0
WHERE (CASE WHEN typeof("id" * 2) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE "id" * 2 END > 2) AND ("x" > 1)
