SELECT [id], [x], [y], [f], [s], [g], [b], [d], [n]
FROM [t] AS t0
