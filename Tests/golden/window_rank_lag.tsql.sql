SELECT [id], [r], [rk], [dr], [p], [q], [x] - [p] AS [dx]
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
    ROW_NUMBER() OVER (PARTITION BY [g] ORDER BY CASE WHEN [x] IS NULL THEN 1 ELSE 0 END, [x] DESC, CASE WHEN [s] IS NULL THEN 1 ELSE 0 END, [s]) AS [r],
    RANK() OVER (PARTITION BY [g] ORDER BY CASE WHEN [x] IS NULL THEN 1 ELSE 0 END, [x] DESC, CASE WHEN [s] IS NULL THEN 1 ELSE 0 END, [s]) AS [rk],
    DENSE_RANK() OVER (PARTITION BY [g] ORDER BY CASE WHEN [x] IS NULL THEN 1 ELSE 0 END, [x] DESC, CASE WHEN [s] IS NULL THEN 1 ELSE 0 END, [s]) AS [dr],
    LAG([x], 1) OVER (PARTITION BY [g] ORDER BY CASE WHEN [x] IS NULL THEN 1 ELSE 0 END, [x] DESC, CASE WHEN [s] IS NULL THEN 1 ELSE 0 END, [s]) AS [p],
    LEAD([s], 2) OVER (PARTITION BY [g] ORDER BY CASE WHEN [x] IS NULL THEN 1 ELSE 0 END, [x] DESC, CASE WHEN [s] IS NULL THEN 1 ELSE 0 END, [s]) AS [q]
  FROM [t] AS t0
) AS t1
