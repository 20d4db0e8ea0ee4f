SELECT
  [id],
  CAST(CASE WHEN [x] > 1 THEN 1 WHEN NOT ([x] > 1) THEN 0 END AS bit) AS [big],
  [b] AS [flag],
  CAST(CASE WHEN ([b] = 1) AND ([x] > 1) THEN 1 WHEN NOT (([b] = 1) AND ([x] > 1)) THEN 0 END AS bit) AS [both],
  CAST(CASE WHEN NOT ([b] = 1) THEN 1 WHEN NOT (NOT ([b] = 1)) THEN 0 END AS bit) AS [neg],
  CAST(CASE WHEN 1 = 1 THEN 1 WHEN NOT (1 = 1) THEN 0 END AS bit) AS [lit]
FROM [t] AS t0
