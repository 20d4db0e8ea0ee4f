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
    CAST((100.0E0 * [x]) AS float) / NULLIF((SUM(CAST([x] AS bigint)) OVER (PARTITION BY [g])), 0) AS [pct]
  FROM [t] AS t0
) AS t1
