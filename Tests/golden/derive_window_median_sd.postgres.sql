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
    (CASE WHEN count(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END) OVER (PARTITION BY "g") = 0 THEN NULL WHEN abs(coalesce(sum(CASE WHEN abs(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END) >= 1e290 THEN CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0)) > CAST(9.745314011399998e288 AS double precision) THEN NULL ELSE coalesce(sum(CASE WHEN abs(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END) >= 1e290 THEN CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END * CAST(5.421010862427522e-20 AS double precision) END) OVER (PARTITION BY "g"), 0) * CAST(18446744073709551616 AS double precision) + coalesce(sum(CASE WHEN abs(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END) < 1e290 THEN CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END END) OVER (PARTITION BY "g"), 0) END) / count(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN "__rex_a0" END) OVER (PARTITION BY "g") AS "m",
    sqrt(CASE WHEN (SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) OVER (PARTITION BY "g") / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0)) >= 0 THEN (SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) OVER (PARTITION BY "g") / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0)) END) AS "sdv"
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
      COUNT("__rex_a0") OVER (PARTITION BY "g") AS "__rex_c0",
      ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "__rex_a0" NULLS LAST) AS "__rex_r0",
      AVG("__rex_a0") OVER (PARTITION BY "g") AS "__rex_m0"
    FROM (
      SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "f" AS "__rex_a0"
      FROM "t" AS t0
    ) AS t1
  ) AS t2
) AS t3
