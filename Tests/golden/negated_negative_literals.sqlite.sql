SELECT
  "id",
  (-0.0) * -1.0 AS "a",
  CASE WHEN typeof(-(-1)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE -(-1) END AS "b",
  ("f" * -1.0) * -1.0 AS "c",
  nullif(nullif("x" - (-0.0), 9e999), -9e999) AS "d"
FROM "t" AS t0
