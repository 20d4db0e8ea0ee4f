SELECT
  [g],
  COUNT_BIG(*) AS [n],
  COUNT_BIG([__rex_a0]) AS [nx],
  COUNT_BIG(DISTINCT [__rex_a1]) AS [nd],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  AVG(CAST([__rex_a0] AS float)) AS [avg],
  MIN([__rex_a1]) AS [lo],
  MAX([__rex_a1]) AS [hi],
  SQRT(CASE WHEN (SUM(([__rex_a2] - [__rex_m2]) * ([__rex_a2] - [__rex_m2])) / NULLIF(COUNT([__rex_a2]) - 1, 0)) >= 0 THEN (SUM(([__rex_a2] - [__rex_m2]) * ([__rex_a2] - [__rex_m2])) / NULLIF(COUNT([__rex_a2]) - 1, 0)) END) AS [sdv],
  SUM(([__rex_a2] - [__rex_m2]) * ([__rex_a2] - [__rex_m2])) / NULLIF(COUNT([__rex_a2]) - 1, 0) AS [v],
  CASE WHEN MIN(CASE WHEN [__rex_r9] IN (([__rex_c9] + 1) / 2, ([__rex_c9] + 2) / 2) THEN CAST([__rex_a2] AS float) END) < 0 AND MAX(CASE WHEN [__rex_r9] IN (([__rex_c9] + 1) / 2, ([__rex_c9] + 2) / 2) THEN CAST([__rex_a2] AS float) END) > 0 THEN (MIN(CASE WHEN [__rex_r9] IN (([__rex_c9] + 1) / 2, ([__rex_c9] + 2) / 2) THEN CAST([__rex_a2] AS float) END) + MAX(CASE WHEN [__rex_r9] IN (([__rex_c9] + 1) / 2, ([__rex_c9] + 2) / 2) THEN CAST([__rex_a2] AS float) END)) / 2 ELSE MIN(CASE WHEN [__rex_r9] IN (([__rex_c9] + 1) / 2, ([__rex_c9] + 2) / 2) THEN CAST([__rex_a2] AS float) END) + (MAX(CASE WHEN [__rex_r9] IN (([__rex_c9] + 1) / 2, ([__rex_c9] + 2) / 2) THEN CAST([__rex_a2] AS float) END) - MIN(CASE WHEN [__rex_r9] IN (([__rex_c9] + 1) / 2, ([__rex_c9] + 2) / 2) THEN CAST([__rex_a2] AS float) END)) / 2 END AS [med],
  CAST(MAX(CASE WHEN ([__rex_a3] = 1) THEN 1 WHEN NOT (([__rex_a3] = 1)) THEN 0 END) AS bit) AS [anyb],
  CAST(MIN(CASE WHEN ([__rex_a4] = 1) THEN 1 WHEN NOT (([__rex_a4] = 1)) THEN 0 END) AS bit) AS [allb]
FROM (
  SELECT
    [g],
    [__rex_a0],
    [__rex_a1],
    [__rex_a2],
    [__rex_a3],
    [__rex_a4],
    AVG([__rex_a2]) OVER (PARTITION BY [g]) AS [__rex_m2],
    COUNT([__rex_a2]) OVER (PARTITION BY [g]) AS [__rex_c9],
    ROW_NUMBER() OVER (PARTITION BY [g] ORDER BY CASE WHEN [__rex_a2] IS NULL THEN 1 ELSE 0 END, [__rex_a2]) AS [__rex_r9]
  FROM (
    SELECT
      [g],
      [x] AS [__rex_a0],
      [s] AS [__rex_a1],
      [f] AS [__rex_a2],
      [b] AS [__rex_a3],
      CAST(CASE WHEN [x] > 0 THEN 1 WHEN NOT ([x] > 0) THEN 0 END AS bit) AS [__rex_a4]
    FROM [t] AS t0
  ) AS t1
) AS t2
GROUP BY [g]
