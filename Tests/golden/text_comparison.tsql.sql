SELECT [s]
FROM [t] AS t0
WHERE [s] < N'a'
