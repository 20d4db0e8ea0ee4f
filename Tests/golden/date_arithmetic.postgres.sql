SELECT
  "id",
  (SELECT CASE WHEN v IS NULL OR v BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN v ELSE CAST('date out of range: ' || v AS date) END FROM (SELECT "d" + CAST(CASE WHEN "x" > 3652059 THEN 3652059 WHEN "x" < -3652059 THEN -3652059 ELSE "x" END AS integer) AS v) AS rex_date) AS "a",
  (SELECT CASE WHEN v IS NULL OR v BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN v ELSE CAST('date out of range: ' || v AS date) END FROM (SELECT "d" + CAST(CASE WHEN (-7) > 3652059 THEN 3652059 WHEN (-7) < -3652059 THEN -3652059 ELSE (-7) END AS integer) AS v) AS rex_date) AS "b",
  CAST("d" - (DATE '2024-01-01') AS bigint) AS "c",
  (SELECT CASE WHEN v IS NULL OR v BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN v ELSE CAST('date out of range: ' || v AS date) END FROM (SELECT CAST("d" + make_interval(months => CAST(CASE WHEN "y" > 120000 THEN 120000 WHEN "y" < -120000 THEN -120000 ELSE "y" END AS integer)) AS date) AS v) AS rex_date) AS "e"
FROM "t" AS t0
