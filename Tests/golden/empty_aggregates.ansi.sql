SELECT
  COUNT(*) AS "n",
  SUM("__rex_a0") AS "total",
  AVG(CAST("__rex_a0" AS DOUBLE PRECISION)) AS "m",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "__rex_a1") AS "med",
  SQRT((CASE WHEN COUNT(CASE WHEN "__rex_dev1" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE SUM("__rex_sq1") END / NULLIF(COUNT("__rex_a1") - 1, 0))) AS "sdv",
  SOME("__rex_a2") AS "a"
FROM (
  SELECT
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_m1",
    "__rex_dev1",
    CASE WHEN "__rex_dev1" < 1.5717277847026288e-162 THEN 0.0 WHEN "__rex_dev1" <= 1.3407807929942596e+154 THEN "__rex_dev1" * "__rex_dev1" END AS "__rex_sq1"
  FROM (
    SELECT
      "__rex_a0",
      "__rex_a1",
      "__rex_a2",
      "__rex_m1",
      CASE WHEN ("__rex_a1" < 0 AND "__rex_m1" < 0) OR ("__rex_a1" >= 0 AND "__rex_m1" >= 0) THEN abs("__rex_a1" - "__rex_m1") WHEN abs("__rex_a1") > 1.3407807929942596e+154 THEN abs("__rex_a1") WHEN abs("__rex_m1") > 1.3407807929942596e+154 THEN abs("__rex_m1") ELSE abs("__rex_a1") + abs("__rex_m1") END AS "__rex_dev1"
    FROM (
      SELECT
        "__rex_a0",
        "__rex_a1",
        "__rex_a2",
        AVG(CAST("__rex_a1" AS DOUBLE PRECISION)) OVER () AS "__rex_m1"
      FROM (
        SELECT "x" AS "__rex_a0", "f" AS "__rex_a1", "b" AS "__rex_a2"
        FROM "t" AS t0
        WHERE "x" > 100
      ) AS t1
    ) AS t2
  ) AS t3
) AS t4
