SELECT
  "id",
  abs("x") AS "a",
  floor("f") AS "fl",
  ceil("f") AS "ce",
  sqrt("f") AS "sq",
  nullif(exp("f"), 9e999) AS "e",
  ln("f") AS "l",
  log10("f") AS "l10",
  nullif(nullif(pow("x", (-1)), 9e999), -9e999) AS "p"
FROM "t" AS t0
