SELECT
  [id],
  CASE WHEN [x] > 1 THEN (CAST(ROUND((9.2e+18 + 0 * RAND()), 0, 1) AS bigint) + 0 * CAST(RAND() AS bigint)) + CAST(9223372036854775807 AS bigint) ELSE 0 END AS [a],
  COALESCE([x], CAST(ROUND((1e+19 + 0 * RAND()), 0, 1) AS bigint)) AS [b],
  CASE WHEN [b] = 1 THEN DATEADD(day, CAST(1 AS int), CAST(N'9999-12-31' AS date)) ELSE [d] END AS [c],
  CASE WHEN [b] = 1 THEN DATEADD(month, CAST(1 AS int), CAST(N'2024-01-31' AS date)) ELSE [d] END AS [e]
FROM [t] AS t0
