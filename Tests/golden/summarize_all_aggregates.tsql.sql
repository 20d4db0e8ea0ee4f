SELECT
  [g],
  COUNT_BIG(*) AS [n],
  COUNT_BIG([__rex_a0]) AS [nx],
  COUNT_BIG(DISTINCT [__rex_a1]) AS [nd],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  AVG(CAST([__rex_a0] AS float)) AS [avg],
  MIN([__rex_a1]) AS [lo],
  MAX([__rex_a1]) AS [hi],
  SQRT((CASE WHEN COUNT_BIG(CASE WHEN [__rex_dev2] > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE SUM([__rex_sq2]) END / NULLIF(COUNT_BIG([__rex_a2]) - 1, 0))) AS [sdv],
  CASE WHEN COUNT_BIG(CASE WHEN [__rex_dev2] > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE SUM([__rex_sq2]) END / NULLIF(COUNT_BIG([__rex_a2]) - 1, 0) AS [v],
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
    [__rex_m2],
    [__rex_mid9],
    [__rex_dev2],
    CASE WHEN [__rex_dev2] < 1.5717277847026288e-162 THEN 0.0E0 WHEN [__rex_dev2] <= 1.3407807929942596e+154 THEN [__rex_dev2] * [__rex_dev2] END AS [__rex_sq2]
  FROM (
    SELECT
      [g],
      [__rex_a0],
      [__rex_a1],
      [__rex_a2],
      [__rex_a3],
      [__rex_a4],
      [__rex_m2],
      [__rex_mid9],
      CASE WHEN ([__rex_a2] < 0 AND [__rex_m2] < 0) OR ([__rex_a2] >= 0 AND [__rex_m2] >= 0) THEN abs([__rex_a2] - [__rex_m2]) WHEN abs([__rex_a2]) > 1.3407807929942596e+154 THEN abs([__rex_a2]) WHEN abs([__rex_m2]) > 1.3407807929942596e+154 THEN abs([__rex_m2]) ELSE abs([__rex_a2]) + abs([__rex_m2]) END AS [__rex_dev2]
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
  ) AS t3
) AS t4
GROUP BY [g]
