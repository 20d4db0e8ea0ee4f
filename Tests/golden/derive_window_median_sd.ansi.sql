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
    SQRT(CASE WHEN (SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) OVER (PARTITION BY "g") / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0)) >= 0 THEN (SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) OVER (PARTITION BY "g") / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0)) END) AS "sdv"
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
      AVG("__rex_a0") OVER (PARTITION BY "g") AS "__rex_m0"
    FROM (
      SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "f" AS "__rex_a0"
      FROM "t" AS t0
    ) AS t1
  ) AS t2
) AS t3
