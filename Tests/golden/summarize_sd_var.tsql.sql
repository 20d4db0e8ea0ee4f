SELECT [g], STDEV([f]) AS [sdv], VAR([x]) AS [v]
FROM [t] AS t0
GROUP BY [g]
