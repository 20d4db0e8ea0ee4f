SELECT TOP (2) [id], [x], [y], [f], [s], [g], [b], [d], [n], [id] * 2 AS [k]
FROM [t] AS t0
WHERE ([id] * 2) > 2
ORDER BY CASE WHEN t0.[s] IS NULL THEN 1 ELSE 0 END, t0.[s]
