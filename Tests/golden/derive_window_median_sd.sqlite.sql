WITH "__rex_t1" AS (
  SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "f" AS "__rex_a0"
  FROM "t" AS t0
),
"__rex_t2" AS (
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
    nullif(nullif(avg("__rex_a0") OVER (PARTITION BY "g"), 9e999), -9e999) AS "__rex_m0"
  FROM "__rex_t1" AS t1
),
"__rex_t3" AS (
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
    sqrt((CASE WHEN COUNT(CASE WHEN abs("__rex_a0" * 0.5 - "__rex_m0" * 0.5) > 6.703903964971298e+153 THEN 1 END) OVER (PARTITION BY "g") > 0 THEN NULL ELSE nullif(nullif(sum(CASE WHEN abs("__rex_a0" * 0.5 - "__rex_m0" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END) OVER (PARTITION BY "g"), 9e999), -9e999) END / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0))) AS "sdv"
  FROM "__rex_t2" AS t2
)
SELECT "id", "g", "m", "sdv"
FROM "__rex_t3" AS t3
