SELECT TOP (5) [id], [x], [y], [f], [s], [g], [b], [d], [n]
FROM [t] AS t0
