SELECT
  [id],
  [x],
  [y],
  [f],
  [s],
  [g],
  [b],
  [d],
  [__rex_w0] AS [n],
  CAST([x] AS float) / NULLIF([__rex_w1], 0) AS [share]
FROM (
  SELECT
    [id],
    [x],
    [y],
    [f],
    [s],
    [g],
    [b],
    [d],
    [n],
    COUNT_BIG(*) OVER () AS [__rex_w0],
    CAST(SUM(CAST([x] AS decimal(38, 0))) OVER () AS bigint) AS [__rex_w1]
  FROM [t] AS t0
) AS t1
