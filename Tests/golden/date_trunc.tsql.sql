SELECT
  [id],
  DATEFROMPARTS(YEAR([d]), 1, 1) AS [a],
  DATEFROMPARTS(YEAR([d]), (MONTH([d]) - 1) / 3 * 3 + 1, 1) AS [b],
  DATEFROMPARTS(YEAR([d]), MONTH([d]), 1) AS [c],
  DATEADD(day, -((DATEDIFF(day, CAST('19000101' AS date), [d]) % 7 + 7) % 7), [d]) AS [e],
  CAST([d] AS date) AS [k]
FROM [t] AS t0
