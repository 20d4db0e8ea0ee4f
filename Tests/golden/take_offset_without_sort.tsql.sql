SELECT [id], [x], [y], [f], [s], [g], [b], [d], [n]
FROM [t] AS t0
ORDER BY (SELECT NULL)
OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY
