SELECT
  "g",
  count(*) AS "n",
  count("__rex_a0") AS "nx",
  count(DISTINCT "__rex_a1") AS "nd",
  CAST(sum("__rex_a0") AS bigint) AS "total",
  avg(CAST("__rex_a0" AS double precision)) AS "avg",
  min("__rex_a1" COLLATE "C") AS "lo",
  max("__rex_a1" COLLATE "C") AS "hi",
  sqrt((CASE WHEN count(CASE WHEN "__rex_dev2" > CAST(1.3407807929942596e+154 AS double precision) THEN 1 END) > 0 THEN NULL ELSE CASE WHEN count("__rex_sq2") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_sq2") < 1e290 THEN "__rex_sq2" END), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_sq2") < 1e290 THEN "__rex_sq2" END), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_sq2") < 1e290 THEN "__rex_sq2" END), 0) END END / NULLIF(count("__rex_a2") - 1, 0))) AS "sdv",
  CASE WHEN count(CASE WHEN "__rex_dev2" > CAST(1.3407807929942596e+154 AS double precision) THEN 1 END) > 0 THEN NULL ELSE CASE WHEN count("__rex_sq2") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_sq2") < 1e290 THEN "__rex_sq2" END), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_sq2") < 1e290 THEN "__rex_sq2" END), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_sq2") >= 1e290 THEN "__rex_sq2" * CAST(5.421010862427522e-20 AS double precision) END), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_sq2") < 1e290 THEN "__rex_sq2" END), 0) END END / NULLIF(count("__rex_a2") - 1, 0) AS "v",
  CASE WHEN MIN("__rex_mid9") < 0 AND MAX("__rex_mid9") > 0 THEN (MIN("__rex_mid9") + MAX("__rex_mid9")) / 2 ELSE MIN("__rex_mid9") + (MAX("__rex_mid9") - MIN("__rex_mid9")) / 2 END AS "med",
  bool_or("__rex_a3") AS "anyb",
  bool_and("__rex_a4") AS "allb"
FROM (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_a3",
    "__rex_a4",
    "__rex_m2",
    "__rex_mid9",
    "__rex_dev2",
    CASE WHEN "__rex_dev2" < CAST(1.5717277847026288e-162 AS double precision) THEN CAST(0.0 AS double precision) WHEN "__rex_dev2" <= CAST(1.3407807929942596e+154 AS double precision) THEN "__rex_dev2" * "__rex_dev2" END AS "__rex_sq2"
  FROM (
    SELECT
      "g",
      "__rex_a0",
      "__rex_a1",
      "__rex_a2",
      "__rex_a3",
      "__rex_a4",
      "__rex_m2",
      "__rex_mid9",
      CASE WHEN ("__rex_a2" < 0 AND "__rex_m2" < 0) OR ("__rex_a2" >= 0 AND "__rex_m2" >= 0) THEN abs("__rex_a2" - "__rex_m2") WHEN abs("__rex_a2") > CAST(1.3407807929942596e+154 AS double precision) THEN abs("__rex_a2") WHEN abs("__rex_m2") > CAST(1.3407807929942596e+154 AS double precision) THEN abs("__rex_m2") ELSE abs("__rex_a2") + abs("__rex_m2") END AS "__rex_dev2"
    FROM (
      SELECT
        "g",
        "__rex_a0",
        "__rex_a1",
        "__rex_a2",
        "__rex_a3",
        "__rex_a4",
        CASE WHEN least(abs((CASE WHEN count("__rex_a2") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0) END)), 1.0) * CAST(18446744073709551616 AS double precision) <= CAST(4.5569512622227484e-305 AS double precision) * count("__rex_a2") OVER (PARTITION BY "g") THEN (CASE WHEN count("__rex_a2") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0) END) * 0 ELSE (CASE WHEN count("__rex_a2") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a2") >= 1e290 THEN "__rex_a2" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a2") < 1e290 THEN "__rex_a2" END) OVER (PARTITION BY "g"), 0) END) / count("__rex_a2") OVER (PARTITION BY "g") END AS "__rex_m2",
        CASE WHEN ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "__rex_a2" NULLS LAST) IN ((COUNT("__rex_a2") OVER (PARTITION BY "g") + 1) / 2, (COUNT("__rex_a2") OVER (PARTITION BY "g") + 2) / 2) THEN "__rex_a2" END AS "__rex_mid9"
      FROM (
        SELECT
          "g",
          "x" AS "__rex_a0",
          "s" AS "__rex_a1",
          "f" AS "__rex_a2",
          "b" AS "__rex_a3",
          "x" > 0 AS "__rex_a4"
        FROM "t" AS t0
      ) AS t1
    ) AS t2
  ) AS t3
) AS t4
GROUP BY "g"
