SELECT [id]
FROM [t] AS t0
WHERE [s] LIKE (N'%' + REPLACE(REPLACE(REPLACE([g], N'[', N'[[]'), N'%', N'[%]'), N'_', N'[_]') + N'%')
