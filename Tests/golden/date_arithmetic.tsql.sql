SELECT
  [id],
  DATEADD(day, CAST([x] AS int), [d]) AS [a],
  DATEADD(day, CAST((-7) AS int), [d]) AS [b],
  CAST(DATEDIFF(day, CAST(N'2024-01-01' AS date), [d]) AS bigint) AS [c],
  DATEADD(month, CAST([y] AS int), [d]) AS [e]
FROM [t] AS t0
