SELECT
  [id],
  [x],
  [y],
  [f],
  [s],
  [g],
  [b],
  [d],
  COUNT_BIG(*) OVER () AS [n],
  CAST([x] AS float) / NULLIF((SUM(CAST([x] AS bigint)) OVER ()), 0) AS [share]
FROM [t] AS t0
