SELECT
  COUNT_BIG(*) AS [n],
  SUM(CAST([__rex_a0] AS bigint)) AS [total],
  AVG(CAST([__rex_a0] AS float)) AS [m],
  MAX([__rex_p3]) AS [med],
  SQRT(CASE WHEN (SUM(([__rex_a1] - [__rex_m1]) * ([__rex_a1] - [__rex_m1])) / NULLIF(COUNT([__rex_a1]) - 1, 0)) >= 0 THEN (SUM(([__rex_a1] - [__rex_m1]) * ([__rex_a1] - [__rex_m1])) / NULLIF(COUNT([__rex_a1]) - 1, 0)) END) AS [sdv],
  CAST(MAX(CASE WHEN ([__rex_a2] = 1) THEN 1 WHEN NOT (([__rex_a2] = 1)) THEN 0 END) AS bit) AS [a]
FROM (
  SELECT
    [__rex_a0],
    [__rex_a1],
    [__rex_a2],
    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY [__rex_a1]) OVER () AS [__rex_p3],
    AVG([__rex_a1]) OVER () AS [__rex_m1]
  FROM (
    SELECT [x] AS [__rex_a0], [f] AS [__rex_a1], [b] AS [__rex_a2]
    FROM [t] AS t0
    WHERE [x] > 100
  ) AS t1
) AS t2
