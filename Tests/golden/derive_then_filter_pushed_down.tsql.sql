SELECT [id], [id] * 2 AS [k]
FROM [t] AS t0
WHERE (([id] * 2) > 2) AND (CAST(CASE WHEN [x] > 1 THEN 1 WHEN NOT ([x] > 1) THEN 0 END AS bit) = 1)
