SELECT [id]
FROM (
  SELECT TOP (4) [id], [x] AS [__rex_sort_0]
  FROM [t] AS t0
  ORDER BY CASE WHEN t0.[x] IS NULL THEN 1 ELSE 0 END, t0.[x] DESC
) AS t1
WHERE [id] > 1
ORDER BY CASE WHEN t1.[__rex_sort_0] IS NULL THEN 1 ELSE 0 END, t1.[__rex_sort_0] DESC
