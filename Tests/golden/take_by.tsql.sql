SELECT [id], [g], [x]
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
    ROW_NUMBER() OVER (PARTITION BY [g] ORDER BY CASE WHEN [x] IS NULL THEN 1 ELSE 0 END, [x] DESC, CASE WHEN [id] IS NULL THEN 1 ELSE 0 END, [id]) AS [__rex_rn]
  FROM [t] AS t0
) AS t1
WHERE [__rex_rn] <= 2
ORDER BY CASE WHEN t1.[x] IS NULL THEN 1 ELSE 0 END, t1.[x] DESC, CASE WHEN t1.[id] IS NULL THEN 1 ELSE 0 END, t1.[id]
