SELECT [id], CAST((100.0E0 * [x]) AS float) / NULLIF([__rex_w0], 0) AS [pct]
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
    CAST(SUM(CAST([x] AS decimal(38, 0))) OVER (PARTITION BY [g]) AS bigint) AS [__rex_w0]
  FROM [t] AS t0
) AS t1
