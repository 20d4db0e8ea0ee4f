SELECT
  COUNT_BIG(*) AS [n],
  CAST(SUM(CAST([__rex_a0] AS decimal(38, 0))) AS bigint) AS [total],
  CASE WHEN MIN([__rex_mid2]) < 0 AND MAX([__rex_mid2]) > 0 THEN (MIN([__rex_mid2]) + MAX([__rex_mid2])) / 2 ELSE MIN([__rex_mid2]) + (MAX([__rex_mid2]) - MIN([__rex_mid2])) / 2 END AS [med]
FROM (
  SELECT
    [__rex_a0],
    [__rex_a1],
    CASE WHEN ROW_NUMBER() OVER (ORDER BY CASE WHEN [__rex_a1] IS NULL THEN 1 ELSE 0 END, [__rex_a1]) IN ((COUNT([__rex_a1]) OVER () + 1) / 2, (COUNT([__rex_a1]) OVER () + 2) / 2) THEN [__rex_a1] END AS [__rex_mid2]
  FROM (
    SELECT [x] AS [__rex_a0], CAST([x] AS float) AS [__rex_a1]
    FROM [t] AS t0
  ) AS t1
) AS t2
