SELECT
  "id",
  abs("x") AS "a",
  floor("f") AS "fl",
  ceil("f") AS "ce",
  sqrt(CASE WHEN "f" >= 0 THEN "f" END) AS "sq",
  CASE WHEN "f" > 709.782712893384 THEN NULL WHEN "f" <= -745.1332191019412 THEN 0 ELSE exp("f") END AS "e",
  ln(CASE WHEN "f" > 0 THEN "f" END) AS "l",
  log10(CASE WHEN "f" > 0 THEN "f" END) AS "l10",
  CASE WHEN "x" IS NULL OR (-1) IS NULL THEN NULL WHEN "x" = 0 AND (-1) < 0 THEN NULL WHEN "x" < 0 AND (-1) <> trunc((-1)) THEN NULL WHEN "x" = 0 OR (-1) = 0 THEN power(CAST("x" AS double precision), (-1)) WHEN CASE WHEN abs(CAST((-1) AS double precision)) < 1e-300 THEN 0 ELSE least(greatest(CAST((-1) AS double precision), -1e300), 1e300) END * ln(abs(CAST("x" AS double precision))) > 709.782712894384 THEN NULL WHEN CASE WHEN abs(CAST((-1) AS double precision)) < 1e-300 THEN 0 ELSE least(greatest(CAST((-1) AS double precision), -1e300), 1e300) END * ln(abs(CAST("x" AS double precision))) < -745.1332191029412 THEN 0 * power(sign(CAST("x" AS double precision)), (-1)) WHEN CASE WHEN abs(CAST((-1) AS double precision)) < 1e-300 THEN 0 ELSE least(greatest(CAST((-1) AS double precision), -1e300), 1e300) END * ln(abs(CAST("x" AS double precision))) > 709.782712892384 THEN CASE WHEN power(abs(CAST("x" AS double precision)), CAST((-1) AS double precision) / 2) * 0.5 * power(abs(CAST("x" AS double precision)), CAST((-1) AS double precision) / 2) >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE power(CAST("x" AS double precision), (-1)) END WHEN CASE WHEN abs(CAST((-1) AS double precision)) < 1e-300 THEN 0 ELSE least(greatest(CAST((-1) AS double precision), -1e300), 1e300) END * ln(abs(CAST("x" AS double precision))) < -745.1332191009412 THEN CASE WHEN power(abs(CAST("x" AS double precision)), CAST((-1) AS double precision) / 2) * CAST(18446744073709551616 AS double precision) * power(abs(CAST("x" AS double precision)), CAST((-1) AS double precision) / 2) <= CAST(4.556951262222752e-305 AS double precision) THEN 0 * power(sign(CAST("x" AS double precision)), (-1)) ELSE power(CAST("x" AS double precision), (-1)) END ELSE power(CAST("x" AS double precision), (-1)) END AS "p"
FROM "t" AS t0
