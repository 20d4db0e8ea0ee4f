SELECT [g], CAST([__rex_w0] AS float) / NULLIF([__rex_w1], 0) AS [rate]
FROM (
  SELECT
    [g],
    CAST(SUM(CAST([x] AS decimal(38, 0))) AS bigint) AS [__rex_w0],
    COUNT_BIG(*) AS [__rex_w1]
  FROM [t] AS t0
  GROUP BY [g]
) AS t1
