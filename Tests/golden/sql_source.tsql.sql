SELECT [a]
FROM (
  SELECT 1 AS a
) AS t0
WHERE [a] > 0
