SELECT "id"
FROM "t" AS t0
WHERE "s" LIKE ('%' || REPLACE(REPLACE(REPLACE("g", '\', '\\'), '%', '\%'), '_', '\_') || '%') ESCAPE '\'
