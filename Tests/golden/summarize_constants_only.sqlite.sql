WITH "__rex_t1" AS (
  SELECT count(*) AS "n"
  FROM "t" AS t0
  WHERE "x" > 1
)
SELECT
  CASE WHEN typeof(1 + 2) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE 1 + 2 END AS "k",
  'a' AS "s"
FROM "__rex_t1" AS t1
