SELECT t0.[id] AS [id_left], t1.[v] AS [v]
FROM [t] AS t0
FULL OUTER JOIN [u] AS t1 ON (t0.[id] = t1.[id]) AND (t0.[x] < t1.[x])
