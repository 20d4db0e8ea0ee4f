SELECT
  count(*) AS "n",
  CAST(sum("__rex_a0") AS bigint) AS "total",
  avg(CAST("__rex_a0" AS double precision)) AS "m",
  CASE WHEN MIN("__rex_mid3") < 0 AND MAX("__rex_mid3") > 0 THEN (MIN("__rex_mid3") + MAX("__rex_mid3")) / 2 ELSE MIN("__rex_mid3") + (MAX("__rex_mid3") - MIN("__rex_mid3")) / 2 END AS "med",
  sqrt((CASE WHEN count(CASE WHEN "__rex_dev1" > CAST(1.3407807929942596e+154 AS double precision) THEN 1 END) > 0 THEN NULL ELSE CASE WHEN count("__rex_sq1") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_sq1") >= 1e290 THEN "__rex_sq1" * CAST(5.421010862427522e-20 AS double precision) END), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_sq1") >= 1e290 THEN "__rex_sq1" * CAST(5.421010862427522e-20 AS double precision) END), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_sq1") < 1e290 THEN "__rex_sq1" END), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_sq1") >= 1e290 THEN "__rex_sq1" * CAST(5.421010862427522e-20 AS double precision) END), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_sq1") < 1e290 THEN "__rex_sq1" END), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_sq1") >= 1e290 THEN "__rex_sq1" * CAST(5.421010862427522e-20 AS double precision) END), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_sq1") < 1e290 THEN "__rex_sq1" END), 0) END END / NULLIF(count("__rex_a1") - 1, 0))) AS "sdv",
  bool_or("__rex_a2") AS "a"
FROM (
  SELECT
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_mid3",
    "__rex_m1",
    "__rex_dev1",
    CASE WHEN "__rex_dev1" < CAST(1.5717277847026288e-162 AS double precision) THEN CAST(0.0 AS double precision) WHEN "__rex_dev1" <= CAST(1.3407807929942596e+154 AS double precision) THEN "__rex_dev1" * "__rex_dev1" END AS "__rex_sq1"
  FROM (
    SELECT
      "__rex_a0",
      "__rex_a1",
      "__rex_a2",
      "__rex_mid3",
      "__rex_m1",
      CASE WHEN ("__rex_a1" < 0 AND "__rex_m1" < 0) OR ("__rex_a1" >= 0 AND "__rex_m1" >= 0) THEN abs("__rex_a1" - "__rex_m1") WHEN abs("__rex_a1") > CAST(1.3407807929942596e+154 AS double precision) THEN abs("__rex_a1") WHEN abs("__rex_m1") > CAST(1.3407807929942596e+154 AS double precision) THEN abs("__rex_m1") ELSE abs("__rex_a1") + abs("__rex_m1") END AS "__rex_dev1"
    FROM (
      SELECT
        "__rex_a0",
        "__rex_a1",
        "__rex_a2",
        CASE WHEN ROW_NUMBER() OVER (ORDER BY "__rex_a1" NULLS LAST) IN ((COUNT("__rex_a1") OVER () + 1) / 2, (COUNT("__rex_a1") OVER () + 2) / 2) THEN "__rex_a1" END AS "__rex_mid3",
        CASE WHEN least(abs((CASE WHEN count("__rex_a1") OVER () = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0) END)), 1.0) * CAST(18446744073709551616 AS double precision) <= CAST(4.5569512622227484e-305 AS double precision) * count("__rex_a1") OVER () THEN (CASE WHEN count("__rex_a1") OVER () = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0) END) * 0 ELSE (CASE WHEN count("__rex_a1") OVER () = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a1") >= 1e290 THEN "__rex_a1" * CAST(5.421010862427522e-20 AS double precision) END) OVER (), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a1") < 1e290 THEN "__rex_a1" END) OVER (), 0) END) / count("__rex_a1") OVER () END AS "__rex_m1"
      FROM (
        SELECT "x" AS "__rex_a0", "f" AS "__rex_a1", "b" AS "__rex_a2"
        FROM "t" AS t0
        WHERE "x" > 100
      ) AS t1
    ) AS t2
  ) AS t3
) AS t4
