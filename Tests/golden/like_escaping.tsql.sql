SELECT [id]
FROM [t] AS t0
WHERE (([s] LIKE N'%[%][_]%') OR ([s] LIKE N'a[_]%')) OR ([s] LIKE N'%[[]c]')
