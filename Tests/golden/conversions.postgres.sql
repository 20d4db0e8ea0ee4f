SELECT
  "id",
  CAST(trunc("f") AS bigint) AS "i",
  CASE WHEN "n" ~ '^[-+]?[0-9]+$' THEN CAST("n" AS bigint) END AS "it",
  CASE WHEN "n" ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CAST("n" AS double precision) END AS "ft",
  CAST("x" AS double precision) AS "fi",
  CAST("f" AS text) AS "tf",
  CAST("x" AS text) AS "ti",
  CASE WHEN "b" THEN 'true' WHEN NOT "b" THEN 'false' END AS "tb",
  to_char("d", 'YYYY-MM-DD') AS "td",
  CASE WHEN "n" ~ '^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$' THEN CAST("n" AS date) END AS "dt"
FROM "t" AS t0
