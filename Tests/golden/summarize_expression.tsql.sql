SELECT [g], CAST(SUM(CAST([x] AS bigint)) AS float) / NULLIF(COUNT_BIG(*), 0) AS [rate]
FROM [t] AS t0
GROUP BY [g]
