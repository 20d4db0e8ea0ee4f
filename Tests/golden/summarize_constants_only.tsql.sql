SELECT (1 + 0 * CAST(RAND() AS bigint)) + 2 AS [k], N'a' AS [s]
FROM (
  SELECT COUNT_BIG(*) AS [n]
  FROM [t] AS t0
  WHERE [x] > 1
) AS t1
