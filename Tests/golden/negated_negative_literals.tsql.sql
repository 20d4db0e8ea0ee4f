SELECT
  [id],
  -(-0.0E0) AS [a],
  -(-1) AS [b],
  -(-[f]) AS [c],
  CASE WHEN SIGN(CAST([x] AS float)) = SIGN(CAST((-0.0E0) AS float)) OR (ABS(CAST([x] AS float)) < 8.98846567431158E307 AND ABS(CAST((-0.0E0) AS float)) < 8.98846567431158E307) THEN [x] - (-0.0E0) WHEN ABS(CAST([x] AS float)) < 1 OR ABS(CAST((-0.0E0) AS float)) < 1 THEN [x] - (-0.0E0) WHEN ABS(CAST([x] AS float)) / 2 + ABS(CAST((-0.0E0) AS float)) / 2 >= 8.98846567431158E307 THEN NULL ELSE [x] - (-0.0E0) END AS [d]
FROM [t] AS t0
