SELECT
  "id",
  CAST(trunc("f") AS bigint) AS "i",
  CASE WHEN "n" ~ '^[-+]?[0-9]+$' THEN CAST("n" AS bigint) END AS "it",
  CASE WHEN "n" ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CAST("n" AS double precision) END AS "ft",
  CAST("x" AS double precision) AS "fi",
  CASE WHEN "f" = trunc("f") AND abs("f") < 1e15 THEN CAST("f" AS text) || '.0' ELSE CAST("f" AS text) END AS "tf",
  CAST("x" AS text) AS "ti",
  CASE WHEN "b" THEN 'true' WHEN NOT "b" THEN 'false' END AS "tb",
  to_char("d", 'YYYY-MM-DD') AS "td",
  CASE WHEN "n" ~ '^[0-9][0-9][0-9][0-9]-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN CASE WHEN CAST(substr("n", 9, 2) AS integer) <= EXTRACT(day FROM CAST(substr("n", 1, 7) || '-01' AS date) + interval '1 month' - interval '1 day') THEN CAST("n" AS date) END END AS "dt"
FROM "t" AS t0
