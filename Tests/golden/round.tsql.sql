SELECT
  [id],
  CAST(ROUND(CAST([f] AS decimal(38, 15)), 0) AS float) AS [r0],
  CAST(ROUND(CAST([f] AS decimal(38, 15)), 2) AS float) AS [r2],
  [x] AS [ri]
FROM [t] AS t0
