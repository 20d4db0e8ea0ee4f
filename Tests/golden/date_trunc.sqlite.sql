SELECT
  "id",
  date("d", 'start of year') AS "a",
  date("d", 'start of month', printf('-%d months', (CAST(strftime('%m', "d") AS INTEGER) - 1) % 3)) AS "b",
  date("d", 'start of month') AS "c",
  date("d", printf('-%d days', (CAST(strftime('%w', "d") AS INTEGER) + 6) % 7)) AS "e",
  date("d") AS "k"
FROM "t" AS t0
