SELECT [id], [g], [m], [sdv]
FROM (
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
    CASE WHEN MIN([__rex_mid0]) OVER (PARTITION BY [g]) < 0 AND MAX([__rex_mid0]) OVER (PARTITION BY [g]) > 0 THEN (MIN([__rex_mid0]) OVER (PARTITION BY [g]) + MAX([__rex_mid0]) OVER (PARTITION BY [g])) / 2 ELSE MIN([__rex_mid0]) OVER (PARTITION BY [g]) + (MAX([__rex_mid0]) OVER (PARTITION BY [g]) - MIN([__rex_mid0]) OVER (PARTITION BY [g])) / 2 END AS [m],
    SQRT(CASE WHEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) OVER (PARTITION BY [g]) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a0] - [__rex_m0]) * ([__rex_a0] - [__rex_m0]) END) OVER (PARTITION BY [g]) END / NULLIF(COUNT([__rex_a0]) OVER (PARTITION BY [g]) - 1, 0)) >= 0 THEN (CASE WHEN COUNT(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) > 6.703903964971298e+153 THEN 1 END) OVER (PARTITION BY [g]) > 0 THEN NULL ELSE SUM(CASE WHEN abs([__rex_a0] * 0.5E0 - [__rex_m0] * 0.5E0) <= 6.703903964971298e+153 THEN ([__rex_a0] - [__rex_m0]) * ([__rex_a0] - [__rex_m0]) END) OVER (PARTITION BY [g]) END / NULLIF(COUNT([__rex_a0]) OVER (PARTITION BY [g]) - 1, 0)) END) AS [sdv]
  FROM (
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
      [__rex_a0],
      CASE WHEN ROW_NUMBER() OVER (PARTITION BY [g] ORDER BY CASE WHEN [__rex_a0] IS NULL THEN 1 ELSE 0 END, [__rex_a0]) IN ((COUNT([__rex_a0]) OVER (PARTITION BY [g]) + 1) / 2, (COUNT([__rex_a0]) OVER (PARTITION BY [g]) + 2) / 2) THEN [__rex_a0] END AS [__rex_mid0],
      AVG(CAST([__rex_a0] AS float)) OVER (PARTITION BY [g]) AS [__rex_m0]
    FROM (
      SELECT [id], [x], [y], [f], [s], [g], [b], [d], [n], [f] AS [__rex_a0]
      FROM [t] AS t0
    ) AS t1
  ) AS t2
) AS t3
