SELECT
  "id",
  (SELECT CASE WHEN (v IS NULL AND d IS NOT NULL AND n IS NOT NULL) OR v < '0001-01-01' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE v END FROM (SELECT d, n, CASE WHEN n IS NOT NULL THEN date(d, printf('%+d days', n)) END AS v FROM (SELECT "d" AS d, "x" AS n))) AS "a",
  (SELECT CASE WHEN (v IS NULL AND d IS NOT NULL AND n IS NOT NULL) OR v < '0001-01-01' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE v END FROM (SELECT d, n, CASE WHEN n IS NOT NULL THEN date(d, printf('%+d days', n)) END AS v FROM (SELECT "d" AS d, (-7) AS n))) AS "b",
  CAST(julianday("d") - julianday(('2024-01-01')) AS INTEGER) AS "c",
  (SELECT CASE WHEN (v IS NULL AND d IS NOT NULL AND n IS NOT NULL) OR v < '0001-01-01' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE v END FROM (SELECT d, n, CASE WHEN n IS NOT NULL THEN date(t, printf('+%d days', min(CAST(strftime('%d', d) AS INTEGER), CASE WHEN strftime('%m', t) = '12' THEN 31 ELSE CAST(strftime('%d', date(t, '+1 month', '-1 day')) AS INTEGER) END) - 1)) END AS v FROM (SELECT d, n, date(d, 'start of month', printf('%+d months', n)) AS t FROM (SELECT "d" AS d, "y" AS n)))) AS "e"
FROM "t" AS t0
