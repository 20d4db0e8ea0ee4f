SELECT COUNT_BIG(*) AS [n], SUM(CAST([__rex_a0] AS bigint)) AS [total], MAX([__rex_p2]) AS [med]
FROM (
  SELECT
    [__rex_a0],
    [__rex_a1],
    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY [__rex_a1]) OVER () AS [__rex_p2]
  FROM (
    SELECT [x] AS [__rex_a0], CAST([x] AS float) AS [__rex_a1]
    FROM [t] AS t0
  ) AS t1
) AS t2
