SELECT [id], [pct]
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
    CAST((100.0E0 * [x]) AS float) / NULLIF(CAST(SUM(CAST([x] AS decimal(38, 0))) OVER (PARTITION BY [g]) AS bigint), 0) AS [pct]
  FROM [t] AS t0
) AS t1
