SELECT
  "id",
  CAST(trunc("f") AS bigint) AS "i",
  CASE WHEN "n" ~ '^[-+]?0*[0-9]{1,19}$' THEN CASE WHEN CAST(CAST("n" AS text) AS numeric) BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(CAST("n" AS text) AS bigint) END END AS "it",
  CASE WHEN "n" ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CASE WHEN "n" ~ '[eE][-+]?0*[0-9]{5,}$' THEN CASE WHEN "n" ~ '[eE]-' OR "n" ~ '^[-+]?[0.]*[eE]' THEN 0 END WHEN abs(CAST(CAST("n" AS text) AS numeric)) >= 1.797693134862315808e308 THEN NULL WHEN abs(CAST(CAST("n" AS text) AS numeric)) <= 2.4703282292062327209e-324 THEN 0 ELSE CAST(CAST("n" AS text) AS double precision) END END AS "ft",
  CAST("x" AS double precision) AS "fi",
  CASE WHEN "f" = 0 THEN CASE WHEN CAST("f" AS text) LIKE '-%' THEN '-0.0' ELSE '0.0' END WHEN abs("f") > 9007199254740992 OR abs("f") < 0.0001 THEN CAST("f" AS text) ELSE regexp_replace(CAST(CAST(CAST("f" AS text) AS numeric) AS text), '^(-?[0-9]+)$', '\1.0') END AS "tf",
  CAST("x" AS text) AS "ti",
  CASE WHEN "b" THEN 'true' WHEN NOT "b" THEN 'false' END AS "tb",
  to_char("d", 'YYYY-MM-DD') AS "td",
  CASE WHEN "n" ~ '^([0-9][0-9][0-9][1-9]|[0-9][0-9][1-9]0|[0-9][1-9]00|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN CASE WHEN CAST(substr("n", 9, 2) AS integer) <= EXTRACT(day FROM CAST(substr("n", 1, 7) || '-01' AS date) + interval '1 month' - interval '1 day') THEN CAST(CAST("n" AS text) AS date) END END AS "dt"
FROM "t" AS t0
