SELECT
  "g",
  COUNT(*) AS "n",
  COUNT("__rex_a0") AS "nx",
  COUNT(DISTINCT "__rex_a1") AS "nd",
  SUM("__rex_a0") AS "total",
  AVG(CAST("__rex_a0" AS DOUBLE PRECISION)) AS "avg",
  MIN("__rex_a1") AS "lo",
  MAX("__rex_a1") AS "hi",
  SQRT((CASE WHEN COUNT(CASE WHEN "__rex_dev2" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE SUM("__rex_sq2") END / NULLIF(COUNT("__rex_a2") - 1, 0))) AS "sdv",
  CASE WHEN COUNT(CASE WHEN "__rex_dev2" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE SUM("__rex_sq2") END / NULLIF(COUNT("__rex_a2") - 1, 0) AS "v",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "__rex_a2") AS "med",
  SOME("__rex_a3") AS "anyb",
  EVERY("__rex_a4") AS "allb"
FROM (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_a3",
    "__rex_a4",
    "__rex_m2",
    "__rex_dev2",
    CASE WHEN "__rex_dev2" < 1.5717277847026288e-162 THEN 0.0 WHEN "__rex_dev2" <= 1.3407807929942596e+154 THEN "__rex_dev2" * "__rex_dev2" END AS "__rex_sq2"
  FROM (
    SELECT
      "g",
      "__rex_a0",
      "__rex_a1",
      "__rex_a2",
      "__rex_a3",
      "__rex_a4",
      "__rex_m2",
      CASE WHEN ("__rex_a2" < 0 AND "__rex_m2" < 0) OR ("__rex_a2" >= 0 AND "__rex_m2" >= 0) THEN abs("__rex_a2" - "__rex_m2") WHEN abs("__rex_a2") > 1.3407807929942596e+154 THEN abs("__rex_a2") WHEN abs("__rex_m2") > 1.3407807929942596e+154 THEN abs("__rex_m2") ELSE abs("__rex_a2") + abs("__rex_m2") END AS "__rex_dev2"
    FROM (
      SELECT
        "g",
        "__rex_a0",
        "__rex_a1",
        "__rex_a2",
        "__rex_a3",
        "__rex_a4",
        AVG(CAST("__rex_a2" AS DOUBLE PRECISION)) OVER (PARTITION BY "g") AS "__rex_m2"
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
