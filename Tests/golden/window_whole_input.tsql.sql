SELECT
  [id],
  [x],
  [y],
  [f],
  [s],
  [g],
  [b],
  [d],
  [n],
  ROW_NUMBER() OVER (ORDER BY CASE WHEN [id] IS NULL THEN 1 ELSE 0 END, [id]) AS [r],
  AVG(CAST([f] AS float)) OVER (ORDER BY CASE WHEN [id] IS NULL THEN 1 ELSE 0 END, [id] ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS [m]
FROM [t] AS t0
