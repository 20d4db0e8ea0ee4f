SELECT
  "id",
  (SELECT CASE WHEN v IS NULL OR v BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN v ELSE CAST('date out of range: ' || v AS date) END FROM (SELECT "d" + CAST("x" AS integer) AS v) AS rex_date) AS "a",
  (SELECT CASE WHEN v IS NULL OR v BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN v ELSE CAST('date out of range: ' || v AS date) END FROM (SELECT "d" + CAST((-7) AS integer) AS v) AS rex_date) AS "b",
  CAST("d" - (DATE '2024-01-01') AS bigint) AS "c",
  (SELECT CASE WHEN v IS NULL OR v BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN v ELSE CAST('date out of range: ' || v AS date) END FROM (SELECT CAST("d" + make_interval(months => CAST("y" AS integer)) AS date) AS v) AS rex_date) AS "e"
FROM "t" AS t0
