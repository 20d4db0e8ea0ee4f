SELECT
  "g",
  count(*) AS "n",
  CAST(sum("x") AS bigint) AS "total",
  CASE WHEN count("f") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("f") >= 1e290 THEN "f" * CAST(5.421010862427522e-20 AS double precision) END), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("f") >= 1e290 THEN "f" * CAST(5.421010862427522e-20 AS double precision) END), 0)) = sign(coalesce(sum(CASE WHEN abs("f") < 1e290 THEN "f" END), 0)) AND abs(coalesce(sum(CASE WHEN abs("f") >= 1e290 THEN "f" * CAST(5.421010862427522e-20 AS double precision) END), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("f") < 1e290 THEN "f" END), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("f") >= 1e290 THEN "f" * CAST(5.421010862427522e-20 AS double precision) END), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("f") < 1e290 THEN "f" END), 0) END AS "ftotal",
  avg(CAST("x" AS double precision)) AS "avg",
  min("x") AS "lo",
  max("s" COLLATE "C") AS "hi"
FROM "t" AS t0
GROUP BY "g"
