SELECT
  [g],
  COUNT_BIG(*) AS [n],
  COUNT_BIG([__rex_a0]) AS [nx],
  COUNT_BIG(DISTINCT [__rex_a1]) AS [nd],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  AVG(CAST([__rex_a0] AS float)) AS [avg],
  MIN([__rex_a1]) AS [lo],
  MAX([__rex_a1]) AS [hi],
  SQRT(CASE WHEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a2] * 0.5E0 - [__rex_m2] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a2] * 0.5E0 - [__rex_m2] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a2] - [__rex_m2]) * ([__rex_a2] - [__rex_m2]) END) END / NULLIF(COUNT([__rex_a2]) - 1, 0)) >= 0 THEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a2] * 0.5E0 - [__rex_m2] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a2] * 0.5E0 - [__rex_m2] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a2] - [__rex_m2]) * ([__rex_a2] - [__rex_m2]) END) END / NULLIF(COUNT([__rex_a2]) - 1, 0)) END) AS [sdv],
  CASE WHEN COUNT(CASE WHEN abs([__rex_a2] * 0.5E0 - [__rex_m2] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a2] * 0.5E0 - [__rex_m2] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a2] - [__rex_m2]) * ([__rex_a2] - [__rex_m2]) END) END / NULLIF(COUNT([__rex_a2]) - 1, 0) AS [v],
  CASE WHEN MIN([__rex_mid9]) < 0 AND MAX([__rex_mid9]) > 0 THEN (MIN([__rex_mid9]) + MAX([__rex_mid9])) / 2 ELSE MIN([__rex_mid9]) + (MAX([__rex_mid9]) - MIN([__rex_mid9])) / 2 END AS [med],
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
    AVG(CAST([__rex_a2] AS float)) OVER (PARTITION BY [g]) AS [__rex_m2],
    CASE WHEN ROW_NUMBER() OVER (PARTITION BY [g] ORDER BY CASE WHEN [__rex_a2] IS NULL THEN 1 ELSE 0 END, [__rex_a2]) IN ((COUNT([__rex_a2]) OVER (PARTITION BY [g]) + 1) / 2, (COUNT([__rex_a2]) OVER (PARTITION BY [g]) + 2) / 2) THEN [__rex_a2] END AS [__rex_mid9]
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
