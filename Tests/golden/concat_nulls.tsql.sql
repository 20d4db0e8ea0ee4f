SELECT [id], [s] + N'-' + [g] AS [c], [g] + CAST([x] AS nvarchar(20)) AS [ci]
FROM [t] AS t0
