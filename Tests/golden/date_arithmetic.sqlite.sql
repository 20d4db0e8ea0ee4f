SELECT
  "id",
  CASE WHEN "x" IS NOT NULL THEN date("d", printf('%+d days', "x")) END AS "a",
  CASE WHEN (-7) IS NOT NULL THEN date("d", printf('%+d days', (-7))) END AS "b",
  CAST(julianday("d") - julianday(('2024-01-01')) AS INTEGER) AS "c",
  CASE WHEN "y" IS NOT NULL THEN date("d", 'start of month', printf('%+d months', "y"), printf('+%d days', min(CAST(strftime('%d', "d") AS INTEGER), CAST(strftime('%d', date("d", 'start of month', printf('%+d months', "y"), '+1 month', '-1 day')) AS INTEGER)) - 1)) END AS "e"
FROM "t" AS t0
