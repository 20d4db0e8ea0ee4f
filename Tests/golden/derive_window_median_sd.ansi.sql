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
    SQRT((CASE WHEN COUNT(CASE WHEN "__rex_dev0" > 1.3407807929942596e+154 THEN 1 END) OVER (PARTITION BY "g") > 0 THEN NULL ELSE SUM("__rex_sq0") OVER (PARTITION BY "g") END / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0))) AS "sdv"
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
      CASE WHEN "__rex_dev0" < 1.5717277847026288e-162 THEN 0.0 WHEN "__rex_dev0" <= 1.3407807929942596e+154 THEN "__rex_dev0" * "__rex_dev0" END AS "__rex_sq0"
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
        CASE WHEN ("__rex_a0" < 0 AND "__rex_m0" < 0) OR ("__rex_a0" >= 0 AND "__rex_m0" >= 0) THEN abs("__rex_a0" - "__rex_m0") WHEN abs("__rex_a0") > 1.3407807929942596e+154 THEN abs("__rex_a0") WHEN abs("__rex_m0") > 1.3407807929942596e+154 THEN abs("__rex_m0") ELSE abs("__rex_a0") + abs("__rex_m0") END AS "__rex_dev0"
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
          AVG(CAST("__rex_a0" AS DOUBLE PRECISION)) OVER (PARTITION BY "g") AS "__rex_m0"
        FROM (
          SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "f" AS "__rex_a0"
          FROM "t" AS t0
        ) AS t1
      ) AS t2
    ) AS t3
  ) AS t4
) AS t5
