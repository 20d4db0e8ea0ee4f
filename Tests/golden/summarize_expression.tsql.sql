SELECT
  [g],
  CAST(CAST(SUM(CAST([x] AS decimal(38, 0))) AS bigint) AS float) / NULLIF(COUNT_BIG(*), 0) AS [rate]
FROM [t] AS t0
GROUP BY [g]
