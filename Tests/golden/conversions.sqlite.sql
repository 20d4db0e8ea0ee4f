SELECT
  "id",
  CAST("f" AS INTEGER) AS "i",
  CASE WHEN ("n" GLOB '[0-9]*' AND NOT "n" GLOB '*[^0-9]*') OR ("n" GLOB '[-+][0-9]*' AND NOT substr("n", 2) GLOB '*[^0-9]*') THEN CAST("n" AS INTEGER) END AS "it",
  CASE WHEN "n" GLOB '*[0-9]*' AND NOT "n" GLOB '*[^0-9.eE+-]*' AND NOT "n" GLOB '*[0-9.][+-]*' AND NOT "n" GLOB '*[+-][+-]*' AND NOT "n" GLOB '*[+-]' AND NOT "n" GLOB '*.*.*' AND NOT "n" GLOB '*[eE]*[eE]*' AND NOT "n" GLOB '*[eE]*.*' AND NOT "n" GLOB '*[eE]' AND NOT "n" GLOB '[eE]*' AND NOT "n" GLOB '[+-][eE]*' AND NOT "n" GLOB '.[eE]*' AND NOT "n" GLOB '[+-].[eE]*' THEN CAST("n" AS REAL) END AS "ft",
  CAST("x" AS REAL) AS "fi",
  CAST("f" AS TEXT) AS "tf",
  CAST("x" AS TEXT) AS "ti",
  CASE WHEN "b" THEN 'true' WHEN NOT "b" THEN 'false' END AS "tb",
  "d" AS "td",
  CASE WHEN date(julianday("n")) = "n" THEN "n" END AS "dt"
FROM "t" AS t0
