SELECT
  [id],
  CAST(YEAR([d]) AS bigint) AS [yy],
  CAST(MONTH([d]) AS bigint) AS [mo],
  CAST(DAY([d]) AS bigint) AS [dd],
  CAST((DATEPART(weekday, [d]) + @@DATEFIRST - 2) % 7 + 1 AS bigint) AS [wd]
FROM [t] AS t0
