SELECT [id]
FROM [t] AS t0
WHERE (([s] LIKE N'%\%\_%' ESCAPE N'\') OR ([s] LIKE N'a\_%' ESCAPE N'\')) OR ([s] LIKE N'%\[c]' ESCAPE N'\')
