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
  CAST([x] AS float) / NULLIF(CAST(SUM(CAST([x] AS decimal(38, 0))) OVER () AS bigint), 0) AS [share]
FROM [t] AS t0
