SELECT [id]
FROM [t] AS t0
WHERE ([d] >= CAST(N'2024-01-01' AS date)) AND ([d] < CAST(N'2024-03-01' AS date))
