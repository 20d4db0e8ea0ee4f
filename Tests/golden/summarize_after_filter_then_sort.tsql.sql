SELECT [g], [n]
FROM (
  SELECT [g], COUNT_BIG(*) AS [n]
  FROM [t] AS t0
  WHERE [x] > 0
  GROUP BY [g]
) AS t1
ORDER BY CASE WHEN t1.[n] IS NULL THEN 1 ELSE 0 END, t1.[n] DESC
