SELECT [id], [x] * 2 AS [x], [x] + [y] AS [z]
FROM [t] AS t0
