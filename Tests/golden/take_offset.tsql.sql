SELECT [id], [x], [y], [f], [s], [g], [b], [d], [n]
FROM [t] AS t0
ORDER BY CASE WHEN t0.[x] IS NULL THEN 1 ELSE 0 END, t0.[x]
OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY
