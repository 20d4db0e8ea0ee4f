SELECT
  [id],
  CAST([f] AS bigint) AS [i],
  TRY_CAST(NULLIF([n], N'') AS bigint) AS [it],
  TRY_CAST(NULLIF([n], N'') AS float) AS [ft],
  CAST([x] AS float) AS [fi],
  CONVERT(nvarchar(40), [f], 3) AS [tf],
  CAST([x] AS nvarchar(20)) AS [ti],
  CASE WHEN [b] = 1 THEN N'true' WHEN [b] = 0 THEN N'false' END AS [tb],
  CONVERT(nvarchar(10), [d], 23) AS [td],
  TRY_CONVERT(date, NULLIF([n], N''), 23) AS [dt]
FROM [t] AS t0
