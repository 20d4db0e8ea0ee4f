SELECT
  "id",
  CAST("x" AS double precision) / NULLIF("y", 0) AS "q",
  CASE WHEN abs(ln(nullif(abs(CAST("f" AS double precision)), 0)) - ln(nullif(abs(CAST(0 AS double precision)), 0)) + 17.675) > 727.45 THEN (SELECT CASE WHEN ln(nullif(abs(x), 0)) - ln(nullif(abs(y), 0)) > 710 THEN NULL WHEN ln(nullif(abs(x), 0)) - ln(nullif(abs(y), 0)) > 0 THEN CASE WHEN abs((x * (CAST(0.5 AS double precision) + 0 * y)) / y) >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE x / y END WHEN ln(nullif(abs(x), 0)) - ln(nullif(abs(y), 0)) < -746 THEN (x * 0) / y WHEN abs((x * (CAST(18446744073709551616 AS double precision) + 0 * y)) / y) <= CAST(4.5569512622227484e-305 AS double precision) THEN (x * 0) / y ELSE x / y END FROM (SELECT CAST("f" AS double precision) AS x, CAST(0 AS double precision) AS y) AS rex_operands) ELSE CAST("f" AS double precision) / NULLIF(CAST(0 AS double precision), 0) END AS "r",
  CAST(7 AS double precision) / NULLIF(2, 0) AS "lit"
FROM "t" AS t0
