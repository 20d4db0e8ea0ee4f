SELECT [id]
FROM [t] AS t0
WHERE (NOT ([x] > 1)) OR ([y] IS NULL)
