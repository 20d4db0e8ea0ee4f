SELECT
  COUNT_BIG(*) AS [n],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  AVG(CAST([__rex_a0] AS float)) AS [m],
  CASE WHEN MIN(CASE WHEN [__rex_r3] IN (([__rex_c3] + 1) / 2, ([__rex_c3] + 2) / 2) THEN CAST([__rex_a1] AS float) END) < 0 AND MAX(CASE WHEN [__rex_r3] IN (([__rex_c3] + 1) / 2, ([__rex_c3] + 2) / 2) THEN CAST([__rex_a1] AS float) END) > 0 THEN (MIN(CASE WHEN [__rex_r3] IN (([__rex_c3] + 1) / 2, ([__rex_c3] + 2) / 2) THEN CAST([__rex_a1] AS float) END) + MAX(CASE WHEN [__rex_r3] IN (([__rex_c3] + 1) / 2, ([__rex_c3] + 2) / 2) THEN CAST([__rex_a1] AS float) END)) / 2 ELSE MIN(CASE WHEN [__rex_r3] IN (([__rex_c3] + 1) / 2, ([__rex_c3] + 2) / 2) THEN CAST([__rex_a1] AS float) END) + (MAX(CASE WHEN [__rex_r3] IN (([__rex_c3] + 1) / 2, ([__rex_c3] + 2) / 2) THEN CAST([__rex_a1] AS float) END) - MIN(CASE WHEN [__rex_r3] IN (([__rex_c3] + 1) / 2, ([__rex_c3] + 2) / 2) THEN CAST([__rex_a1] AS float) END)) / 2 END AS [med],
  SQRT(CASE WHEN (SUM(([__rex_a1] - [__rex_m1]) * ([__rex_a1] - [__rex_m1])) / NULLIF(COUNT([__rex_a1]) - 1, 0)) >= 0 THEN (SUM(([__rex_a1] - [__rex_m1]) * ([__rex_a1] - [__rex_m1])) / NULLIF(COUNT([__rex_a1]) - 1, 0)) END) AS [sdv],
  CAST(MAX(CASE WHEN ([__rex_a2] = 1) THEN 1 WHEN NOT (([__rex_a2] = 1)) THEN 0 END) AS bit) AS [a]
FROM (
  SELECT
    [__rex_a0],
    [__rex_a1],
    [__rex_a2],
    COUNT([__rex_a1]) OVER () AS [__rex_c3],
    ROW_NUMBER() OVER (ORDER BY CASE WHEN [__rex_a1] IS NULL THEN 1 ELSE 0 END, [__rex_a1]) AS [__rex_r3],
    AVG([__rex_a1]) OVER () AS [__rex_m1]
  FROM (
    SELECT [x] AS [__rex_a0], [f] AS [__rex_a1], [b] AS [__rex_a2]
    FROM [t] AS t0
    WHERE [x] > 100
  ) AS t1
) AS t2
