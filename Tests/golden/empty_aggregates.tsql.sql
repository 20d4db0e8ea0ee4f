SELECT
  COUNT_BIG(*) AS [n],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  AVG(CAST([__rex_a0] AS float)) AS [m],
  CASE WHEN MIN([__rex_mid3]) < 0 AND MAX([__rex_mid3]) > 0 THEN (MIN([__rex_mid3]) + MAX([__rex_mid3])) / 2 ELSE MIN([__rex_mid3]) + (MAX([__rex_mid3]) - MIN([__rex_mid3])) / 2 END AS [med],
  SQRT(CASE WHEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a1] * 0.5E0 - [__rex_m1] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a1] * 0.5E0 - [__rex_m1] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a1] - [__rex_m1]) * ([__rex_a1] - [__rex_m1]) END) END / NULLIF(COUNT([__rex_a1]) - 1, 0)) >= 0 THEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a1] * 0.5E0 - [__rex_m1] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a1] * 0.5E0 - [__rex_m1] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a1] - [__rex_m1]) * ([__rex_a1] - [__rex_m1]) END) END / NULLIF(COUNT([__rex_a1]) - 1, 0)) END) AS [sdv],
  CAST(MAX(CASE WHEN ([__rex_a2] = 1) THEN 1 WHEN NOT (([__rex_a2] = 1)) THEN 0 END) AS bit) AS [a]
FROM (
  SELECT
    [__rex_a0],
    [__rex_a1],
    [__rex_a2],
    CASE WHEN ROW_NUMBER() OVER (ORDER BY CASE WHEN [__rex_a1] IS NULL THEN 1 ELSE 0 END, [__rex_a1]) IN ((COUNT([__rex_a1]) OVER () + 1) / 2, (COUNT([__rex_a1]) OVER () + 2) / 2) THEN [__rex_a1] END AS [__rex_mid3],
    AVG(CAST([__rex_a1] AS float)) OVER () AS [__rex_m1]
  FROM (
    SELECT [x] AS [__rex_a0], [f] AS [__rex_a1], [b] AS [__rex_a2]
    FROM [t] AS t0
    WHERE [x] > 100
  ) AS t1
) AS t2
