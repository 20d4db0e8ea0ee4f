SELECT "id"
FROM "t" AS t0
WHERE "s" LIKE ('%' || REPLACE(REPLACE(REPLACE("g", E'\\', E'\\\\'), '%', E'\\%'), '_', E'\\_') || '%') ESCAPE E'\\'
