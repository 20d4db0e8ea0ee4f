SELECT
  COUNT_BIG(*) AS [n],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  AVG(CAST([__rex_a0] AS float)) AS [m],
  CASE WHEN MIN([__rex_mid3]) < 0 AND MAX([__rex_mid3]) > 0 THEN (MIN([__rex_mid3]) + MAX([__rex_mid3])) / 2 ELSE MIN([__rex_mid3]) + (MAX([__rex_mid3]) - MIN([__rex_mid3])) / 2 END AS [med],
  SQRT((CASE WHEN COUNT_BIG(CASE WHEN [__rex_dev1] > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE SUM([__rex_sq1]) END / NULLIF(COUNT_BIG([__rex_a1]) - 1, 0))) AS [sdv],
  CAST(MAX(CASE WHEN ([__rex_a2] = 1) THEN 1 WHEN NOT (([__rex_a2] = 1)) THEN 0 END) AS bit) AS [a]
FROM (
  SELECT
    [__rex_a0],
    [__rex_a1],
    [__rex_a2],
    [__rex_mid3],
    [__rex_m1],
    [__rex_dev1],
    CASE WHEN [__rex_dev1] < 1.5717277847026288e-162 THEN 0.0E0 WHEN [__rex_dev1] <= 1.3407807929942596e+154 THEN [__rex_dev1] * [__rex_dev1] END AS [__rex_sq1]
  FROM (
    SELECT
      [__rex_a0],
      [__rex_a1],
      [__rex_a2],
      [__rex_mid3],
      [__rex_m1],
      CASE WHEN ([__rex_a1] < 0 AND [__rex_m1] < 0) OR ([__rex_a1] >= 0 AND [__rex_m1] >= 0) THEN abs([__rex_a1] - [__rex_m1]) WHEN abs([__rex_a1]) > 1.3407807929942596e+154 THEN abs([__rex_a1]) WHEN abs([__rex_m1]) > 1.3407807929942596e+154 THEN abs([__rex_m1]) ELSE abs([__rex_a1]) + abs([__rex_m1]) END AS [__rex_dev1]
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
  ) AS t3
) AS t4
