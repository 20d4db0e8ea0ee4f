SELECT
  [id],
  CAST([x] AS float) / NULLIF([y], 0) AS [q],
  CAST([f] AS float) / NULLIF(0, 0) AS [r],
  CAST(7 AS float) / NULLIF(2, 0) AS [lit]
FROM [t] AS t0
