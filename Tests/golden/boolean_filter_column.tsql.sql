SELECT [id]
FROM [t] AS t0
WHERE [b] = 1
