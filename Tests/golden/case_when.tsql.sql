SELECT
  [id],
  CASE WHEN [x] < 0 THEN N'neg' WHEN [x] = 0 THEN N'zero' ELSE N'pos' END AS [k],
  CASE WHEN [b] = 1 THEN CAST(CASE WHEN [x] > 1 THEN 1 WHEN NOT ([x] > 1) THEN 0 END AS bit) ELSE CAST(NULL AS bit) END AS [nb],
  CASE WHEN [y] > 1 THEN [f] ELSE CAST(NULL AS float) END AS [m]
FROM [t] AS t0
