SELECT
  "id",
  -(-CAST(0.0 AS double precision)) AS "a",
  -(-1) AS "b",
  -(-"f") AS "c",
  CASE WHEN sign("x") = sign((-CAST(0.0 AS double precision))) OR (abs(CAST("x" AS double precision)) < 8.98846567431158e307 AND abs(CAST((-CAST(0.0 AS double precision)) AS double precision)) < 8.98846567431158e307) THEN "x" - (-CAST(0.0 AS double precision)) WHEN greatest(abs(CAST("x" AS double precision)), 1.0) / 2 + greatest(abs(CAST((-CAST(0.0 AS double precision)) AS double precision)), 1.0) / 2 >= 8.98846567431158e307 THEN NULL ELSE "x" - (-CAST(0.0 AS double precision)) END AS "d"
FROM "t" AS t0
