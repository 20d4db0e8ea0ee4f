SELECT "id"
FROM "t" AS t0
WHERE ((instr("s", '%_') > 0) OR (substr("s", 1, length('a_')) = 'a_')) OR (substr("s", length("s") - length('[c]') + 1) = '[c]')
