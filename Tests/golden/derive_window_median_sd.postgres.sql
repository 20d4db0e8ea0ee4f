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
    sqrt(CASE WHEN (CASE WHEN COUNT(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) > CAST(6.703903964971298e+153 AS double precision) THEN 1 END) OVER (PARTITION BY "g") > 0 THEN NULL ELSE CASE WHEN count(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) >= 1e290 THEN CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) >= 1e290 THEN CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) < 1e290 THEN CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END END) OVER (PARTITION BY "g"), 0) END END / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0)) >= 0 THEN (CASE WHEN COUNT(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) > CAST(6.703903964971298e+153 AS double precision) THEN 1 END) OVER (PARTITION BY "g") > 0 THEN NULL ELSE CASE WHEN count(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) >= 1e290 THEN CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) >= 1e290 THEN CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs(CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) < 1e290 THEN CASE WHEN abs("__rex_a0" * CAST(0.5 AS double precision) - "__rex_m0" * CAST(0.5 AS double precision)) <= CAST(6.703903964971298e+153 AS double precision) THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END END) OVER (PARTITION BY "g"), 0) END END / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0)) END) AS "sdv"
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
      (CASE WHEN count("__rex_a0") OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs("__rex_a0") >= 1e290 THEN "__rex_a0" * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs("__rex_a0") < 1e290 THEN "__rex_a0" END) OVER (PARTITION BY "g"), 0) END) / count("__rex_a0") OVER (PARTITION BY "g") AS "__rex_m0"
    FROM (
      SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "f" AS "__rex_a0"
      FROM "t" AS t0
    ) AS t1
  ) AS t2
) AS t3
