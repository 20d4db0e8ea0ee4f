SELECT TOP (2) [id], [x], [y], [f], [s], [g], [b], [d], [n]
FROM (
  SELECT TOP (4) [id], [x], [y], [f], [s], [g], [b], [d], [n]
  FROM [t] AS t0
  ORDER BY CASE WHEN t0.[x] IS NULL THEN 1 ELSE 0 END, t0.[x] DESC
) AS t1
ORDER BY CASE WHEN t1.[x] IS NULL THEN 1 ELSE 0 END, t1.[x] DESC
