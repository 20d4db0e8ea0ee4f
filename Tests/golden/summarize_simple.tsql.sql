SELECT
  [g],
  COUNT_BIG(*) AS [n],
  CAST(SUM(CAST([x] AS decimal(38, 0))) AS bigint) AS [total],
  SUM([f]) AS [ftotal],
  AVG(CAST([x] AS float)) AS [avg],
  MIN([x]) AS [lo],
  MAX([s]) AS [hi]
FROM [t] AS t0
GROUP BY [g]
