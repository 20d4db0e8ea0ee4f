SELECT "id"
FROM "t" AS t0
WHERE instr("s", "g") > 0
