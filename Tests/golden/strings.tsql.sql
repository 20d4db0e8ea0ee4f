SELECT
  [id],
  CAST(LEN([s] + N'x') - 1 AS bigint) AS [l],
  LTRIM(RTRIM([s])) AS [tr],
  UPPER([s]) AS [up],
  LOWER([s]) AS [lo],
  SUBSTRING([s], 2, 3) AS [sub],
  SUBSTRING([s], 1, 2147483647) AS [sub0],
  SUBSTRING([s], 2, 0) AS [subneg],
  REPLACE([s], N'a', N'b') AS [rep]
FROM [t] AS t0
