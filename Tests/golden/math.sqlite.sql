SELECT
  "id",
  abs("x") AS "a",
  floor("f") AS "fl",
  ceil("f") AS "ce",
  sqrt("f") AS "sq",
  exp("f") AS "e",
  ln("f") AS "l",
  log10("f") AS "l10",
  pow("x", (-1)) AS "p"
FROM "t" AS t0
