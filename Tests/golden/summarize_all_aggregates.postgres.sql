SELECT
  "g",
  count(*) AS "n",
  count("__rex_a0") AS "nx",
  count(DISTINCT "__rex_a1") AS "nd",
  CAST(sum("__rex_a0") AS bigint) AS "total",
  avg(CAST("__rex_a0" AS double precision)) AS "avg",
  min("__rex_a1" COLLATE "C") AS "lo",
  max("__rex_a1" COLLATE "C") AS "hi",
  sqrt(CASE WHEN (SUM(("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2")) / NULLIF(COUNT("__rex_a2") - 1, 0)) >= 0 THEN (SUM(("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2")) / NULLIF(COUNT("__rex_a2") - 1, 0)) END) AS "sdv",
  SUM(("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2")) / NULLIF(COUNT("__rex_a2") - 1, 0) AS "v",
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
    AVG("__rex_a2") OVER (PARTITION BY "g") AS "__rex_m2",
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
GROUP BY "g"
