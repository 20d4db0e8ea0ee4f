SELECT TOP (2) [id], [x], [y], [f], [s], [g], [b], [d], [n], [k]
FROM (
  SELECT [id], [x], [y], [f], [s], [g], [b], [d], [n], [id] * 2 AS [k]
  FROM [t] AS t0
) AS t1
WHERE [k] > 2
ORDER BY CASE WHEN t1.[s] IS NULL THEN 1 ELSE 0 END, t1.[s]
