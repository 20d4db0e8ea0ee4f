SELECT
  "id",
  CAST(EXTRACT(year FROM "d") AS bigint) AS "yy",
  CAST(EXTRACT(month FROM "d") AS bigint) AS "mo",
  CAST(EXTRACT(day FROM "d") AS bigint) AS "dd",
  CAST(EXTRACT(isodow FROM "d") AS bigint) AS "wd"
FROM "t" AS t0
