SELECT
  COUNT_BIG(*) AS [n],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  CASE WHEN MIN(CASE WHEN [__rex_r2] IN (([__rex_c2] + 1) / 2, ([__rex_c2] + 2) / 2) THEN CAST([__rex_a1] AS float) END) < 0 AND MAX(CASE WHEN [__rex_r2] IN (([__rex_c2] + 1) / 2, ([__rex_c2] + 2) / 2) THEN CAST([__rex_a1] AS float) END) > 0 THEN (MIN(CASE WHEN [__rex_r2] IN (([__rex_c2] + 1) / 2, ([__rex_c2] + 2) / 2) THEN CAST([__rex_a1] AS float) END) + MAX(CASE WHEN [__rex_r2] IN (([__rex_c2] + 1) / 2, ([__rex_c2] + 2) / 2) THEN CAST([__rex_a1] AS float) END)) / 2 ELSE MIN(CASE WHEN [__rex_r2] IN (([__rex_c2] + 1) / 2, ([__rex_c2] + 2) / 2) THEN CAST([__rex_a1] AS float) END) + (MAX(CASE WHEN [__rex_r2] IN (([__rex_c2] + 1) / 2, ([__rex_c2] + 2) / 2) THEN CAST([__rex_a1] AS float) END) - MIN(CASE WHEN [__rex_r2] IN (([__rex_c2] + 1) / 2, ([__rex_c2] + 2) / 2) THEN CAST([__rex_a1] AS float) END)) / 2 END AS [med]
FROM (
  SELECT
    [__rex_a0],
    [__rex_a1],
    COUNT([__rex_a1]) OVER () AS [__rex_c2],
    ROW_NUMBER() OVER (ORDER BY CASE WHEN [__rex_a1] IS NULL THEN 1 ELSE 0 END, [__rex_a1]) AS [__rex_r2]
  FROM (
    SELECT [x] AS [__rex_a0], CAST([x] AS float) AS [__rex_a1]
    FROM [t] AS t0
  ) AS t1
) AS t2
