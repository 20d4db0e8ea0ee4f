SELECT [id_left], [v]
FROM (
  SELECT
    t0.[id] AS [id_left],
    t0.[x] AS [x_left],
    t0.[y] AS [y],
    t0.[f] AS [f],
    t0.[s] AS [s],
    t0.[g] AS [g],
    t0.[b] AS [b],
    t0.[d] AS [d],
    t0.[n] AS [n],
    t1.[id] AS [id_right],
    t1.[v] AS [v],
    t1.[x] AS [x_right]
  FROM [t] AS t0
  LEFT JOIN [u] AS t1 ON (t0.[id] = t1.[id]) AND (t0.[x] < t1.[x])
  UNION ALL
  SELECT
    NULL AS [id_left],
    NULL AS [x_left],
    NULL AS [y],
    NULL AS [f],
    NULL AS [s],
    NULL AS [g],
    NULL AS [b],
    NULL AS [d],
    NULL AS [n],
    t1.[id] AS [id_right],
    t1.[v] AS [v],
    t1.[x] AS [x_right]
  FROM [u] AS t1
  WHERE NOT EXISTS (
    SELECT 1
    FROM [t] AS t0
    WHERE (t0.[id] = t1.[id]) AND (t0.[x] < t1.[x])
  )
) AS t2
