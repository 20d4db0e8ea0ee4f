SELECT
  [g],
  SQRT(CASE WHEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a0] - [__rex_m0]) * ([__rex_a0] - [__rex_m0]) END) END / NULLIF(COUNT([__rex_a0]) - 1, 0)) >= 0 THEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a0] - [__rex_m0]) * ([__rex_a0] - [__rex_m0]) END) END / NULLIF(COUNT([__rex_a0]) - 1, 0)) END) AS [sdv],
  CASE WHEN COUNT(CASE WHEN abs([__rex_a1] * 0.5E0 - [__rex_m1] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a1] * 0.5E0 - [__rex_m1] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a1] - [__rex_m1]) * ([__rex_a1] - [__rex_m1]) END) END / NULLIF(COUNT([__rex_a1]) - 1, 0) AS [v]
FROM (
  SELECT
    [g],
    [__rex_a0],
    [__rex_a1],
    AVG(CAST([__rex_a0] AS float)) OVER (PARTITION BY [g]) AS [__rex_m0],
    AVG(CAST([__rex_a1] AS float)) OVER (PARTITION BY [g]) AS [__rex_m1]
  FROM (
    SELECT [g], [f] AS [__rex_a0], CAST([x] AS float) AS [__rex_a1]
    FROM [t] AS t0
  ) AS t1
) AS t2
GROUP BY [g]
