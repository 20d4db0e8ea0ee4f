SELECT "id", "g", "m", "sdv"
FROM (
  SELECT
    "id",
    "x",
    "y",
    "f",
    "s",
    "g",
    "b",
    "d",
    "n",
    CASE WHEN MIN("__rex_mid0") OVER (PARTITION BY "g") < 0 AND MAX("__rex_mid0") OVER (PARTITION BY "g") > 0 THEN (MIN("__rex_mid0") OVER (PARTITION BY "g") + MAX("__rex_mid0") OVER (PARTITION BY "g")) / 2 ELSE MIN("__rex_mid0") OVER (PARTITION BY "g") + (MAX("__rex_mid0") OVER (PARTITION BY "g") - MIN("__rex_mid0") OVER (PARTITION BY "g")) / 2 END AS "m",
    sqrt((CASE WHEN count(CASE WHEN "__rex_dev0" > CAST(1.3407807929942596e+154 AS double precision) THEN 1 END) OVER (PARTITION BY "g") > 0 THEN NULL ELSE CASE WHEN count("__rex_sq0") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_sq0") >= 1e290 THEN "__rex_sq0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_sq0") >= 1e290 THEN "__rex_sq0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_sq0") < 1e290 THEN "__rex_sq0" END) OVER (PARTITION BY "g"), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_sq0") >= 1e290 THEN "__rex_sq0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_sq0") < 1e290 THEN "__rex_sq0" END) OVER (PARTITION BY "g"), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_sq0") >= 1e290 THEN "__rex_sq0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_sq0") < 1e290 THEN "__rex_sq0" END) OVER (PARTITION BY "g"), 0) END END / NULLIF(count("__rex_a0") OVER (PARTITION BY "g") - 1, 0))) AS "sdv"
  FROM (
    SELECT
      "id",
      "x",
      "y",
      "f",
      "s",
      "g",
      "b",
      "d",
      "n",
      "__rex_a0",
      "__rex_mid0",
      "__rex_m0",
      "__rex_dev0",
      CASE WHEN "__rex_dev0" < CAST(1.5717277847026288e-162 AS double precision) THEN CAST(0.0 AS double precision) WHEN "__rex_dev0" <= CAST(1.3407807929942596e+154 AS double precision) THEN "__rex_dev0" * "__rex_dev0" END AS "__rex_sq0"
    FROM (
      SELECT
        "id",
        "x",
        "y",
        "f",
        "s",
        "g",
        "b",
        "d",
        "n",
        "__rex_a0",
        "__rex_mid0",
        "__rex_m0",
        CASE WHEN ("__rex_a0" < 0 AND "__rex_m0" < 0) OR ("__rex_a0" >= 0 AND "__rex_m0" >= 0) THEN abs("__rex_a0" - "__rex_m0") WHEN abs("__rex_a0") > CAST(1.3407807929942596e+154 AS double precision) THEN abs("__rex_a0") WHEN abs("__rex_m0") > CAST(1.3407807929942596e+154 AS double precision) THEN abs("__rex_m0") ELSE abs("__rex_a0") + abs("__rex_m0") END AS "__rex_dev0"
      FROM (
        SELECT
          "id",
          "x",
          "y",
          "f",
          "s",
          "g",
          "b",
          "d",
          "n",
          "__rex_a0",
          CASE WHEN ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "__rex_a0" NULLS LAST) IN ((COUNT("__rex_a0") OVER (PARTITION BY "g") + 1) / 2, (COUNT("__rex_a0") OVER (PARTITION BY "g") + 2) / 2) THEN "__rex_a0" END AS "__rex_mid0",
          CASE WHEN least(abs((CASE WHEN count("__rex_a0") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0) END)), 1.0) * CAST(18446744073709551616 AS double precision) <= CAST(4.5569512622227484e-305 AS double precision) * count("__rex_a0") OVER (PARTITION BY "g") THEN (CASE WHEN count("__rex_a0") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0) END) * 0 ELSE (CASE WHEN count("__rex_a0") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL WHEN sign(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) = sign(coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0)) AND abs(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) * CAST(9223372036854775808 AS double precision) + greatest(abs(coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0) END) / count("__rex_a0") OVER (PARTITION BY "g") END AS "__rex_m0"
        FROM (
          SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "f" AS "__rex_a0"
          FROM "t" AS t0
        ) AS t1
      ) AS t2
    ) AS t3
  ) AS t4
) AS t5
