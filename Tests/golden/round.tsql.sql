SELECT
  [id],
  CAST(ROUND(CAST([f] AS decimal(38, 15)), 0) AS float) AS [r0],
  CAST(ROUND(CAST([f] AS decimal(38, 15)), CAST(CASE WHEN 2 > 38 THEN 38 WHEN 2 < -38 THEN -38 ELSE 2 END AS int)) AS float) AS [r2],
  [x] AS [ri]
FROM [t] AS t0
