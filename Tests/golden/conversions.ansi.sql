SELECT
  "id",
  CAST("f" AS BIGINT) AS "i",
  CAST("n" AS BIGINT) AS "it",
  CAST("n" AS DOUBLE PRECISION) AS "ft",
  CAST("x" AS DOUBLE PRECISION) AS "fi",
  CAST("f" AS VARCHAR(40)) AS "tf",
  CAST("x" AS VARCHAR(40)) AS "ti",
  CASE WHEN "b" THEN 'true' WHEN NOT "b" THEN 'false' END AS "tb",
  CAST("d" AS VARCHAR(10)) AS "td",
  CAST("n" AS DATE) AS "dt"
FROM "t" AS t0
