/// One case per kind of syntax diagnostic: the source and its full rendered text, caret included.
enum DiagnosticCases {
    static let cases: [(name: String, file: String?, source: String, rendered: String)] = [
        ("unknown verb", nil, "sample iris | filtr Sepal_Length > 5", #"""
            error: unknown verb 'filtr'
             --> line 1, column 15
              |
            1 | sample iris | filtr Sepal_Length > 5
              |               ^^^^^
              = help: did you mean 'filter'?
            """#),
        ("unknown verb without suggestion", nil, "table t | frobnicate x", #"""
            error: unknown verb 'frobnicate'
             --> line 1, column 11
              |
            1 | table t | frobnicate x
              |           ^^^^^^^^^^
              = help: verbs: filter, select, drop, derive, rename, summarize, sort, take, distinct, join, append, collect, summary, linmod, plot, python; a def verb is called as frobnicate(…)
            """#),
        ("missing operand", nil, "sample iris | filter Sepal_Length >", #"""
            error: expected an expression after '>', found end of input
             --> line 1, column 36
              |
            1 | sample iris | filter Sepal_Length >
              |                                    ^
            """#),
        ("unnamed item", nil, "sample iris | summarize mean(Sepal_Length) by Species", #"""
            error: 'summarize' needs a name for each item
             --> line 1, column 25
              |
            1 | sample iris | summarize mean(Sepal_Length) by Species
              |                         ^^^^^^^^^^^^^^^^^^
              = help: name it: mean_Sepal_Length = mean(Sepal_Length)
            """#),
        ("verb without items", nil, "sample iris | take", #"""
            error: 'take' needs at least one item
             --> line 1, column 15
              |
            1 | sample iris | take
              |               ^^^^
              = help: for example: take 10
            """#),
        ("unterminated string", nil, "table t | filter x == \"abc", #"""
            error: unterminated string
             --> line 1, column 23
              |
            1 | table t | filter x == "abc
              |                       ^^^^
              = help: close it with "
            """#),
        ("nonexistent date", nil, "table t | filter d == @2023-02-29", #"""
            error: invalid date '@2023-02-29'
             --> line 1, column 23
              |
            1 | table t | filter d == @2023-02-29
              |                       ^^^^^^^^^^^
              = help: that day does not exist
            """#),
        ("malformed date", nil, "table t | filter d == @2023-2-1", #"""
            error: invalid date literal '@2023-2-1'
             --> line 1, column 23
              |
            1 | table t | filter d == @2023-2-1
              |                       ^^^^^^^^^
              = help: write dates as @2024-01-31 and datetimes as @2024-01-31T08:30:00
            """#),
        ("integer too large", nil, "table t | filter x == 99999999999999999999", #"""
            error: integer '99999999999999999999' is too large for a 64-bit int
             --> line 1, column 23
              |
            1 | table t | filter x == 99999999999999999999
              |                       ^^^^^^^^^^^^^^^^^^^^
              = help: write it as a decimal (99999999999999999999.0) to get a float
            """#),
        ("unexpected character", nil, "table t | filter x ! 3", #"""
            error: unexpected character '!'
             --> line 1, column 20
              |
            1 | table t | filter x ! 3
              |                    ^
              = help: use 'not' for negation, '!=' for inequality
            """#),
        ("join without on", nil, "table t | join u id", #"""
            error: expected 'on' after the relation in join, found 'id'
             --> line 1, column 18
              |
            1 | table t | join u id
              |                  ^^
              = help: write join REL on A, B or join REL on this.X == that.Y
            """#),
        ("unknown plot kind", nil, "table t | plot scater x y", #"""
            error: unknown plot kind 'scater'
             --> line 1, column 16
              |
            1 | table t | plot scater x y
              |                ^^^^^^
              = help: did you mean 'scatter'?
            """#),
        ("unknown sink in a file", "load.rex", "table t\n-> tabel x", #"""
            error: expected a source, found '->'
             --> load.rex, line 2, column 1
              |
            2 | -> tabel x
              | ^^
              = help: a pipeline starts with table NAME, sql "…", csv "…", sample iris, python """…""", a let name or ( pipeline )
            """#),
        ("missing pipe", nil, "table t filter x > 1", #"""
            error: expected '|' before 'filter'
             --> line 1, column 9
              |
            1 | table t filter x > 1
              |         ^^^^^^
              = help: verbs are separated by '|': … | filter …
            """#),
        ("empty in list", nil, "table t | filter x in ()", #"""
            error: the list of 'in' is empty
             --> line 1, column 24
              |
            1 | table t | filter x in ()
              |                        ^
              = help: write x in (1, 2, 3)
            """#),
        ("is without null", nil, "table t | filter x is 3", #"""
            error: expected 'null' after 'is', found '3'
             --> line 1, column 23
              |
            1 | table t | filter x is 3
              |                       ^
              = help: write x is null or x is not null; compare values with ==
            """#),
        ("between without and", nil, "table t | filter x between 1 or 2", #"""
            error: expected 'and' in between, found 'or'
             --> line 1, column 30
              |
            1 | table t | filter x between 1 or 2
              |                              ^^
              = help: write x between LOW and HIGH
            """#),
        ("linmod without tilde", nil, "table t | linmod y x", #"""
            error: expected '~' after the response of linmod, found 'x'
             --> line 1, column 20
              |
            1 | table t | linmod y x
              |                    ^
              = help: write linmod Y ~ X1 + X2
            """#),
        ("rename without equals", nil, "table t | rename a b", #"""
            error: expected '=' after the new name in rename, found 'b'
             --> line 1, column 20
              |
            1 | table t | rename a b
              |                    ^
              = help: write rename NEW = OLD
            """#),
        ("name expected", nil, "table t | drop 3", #"""
            error: expected a column name in drop, found '3'
             --> line 1, column 16
              |
            1 | table t | drop 3
              |                ^
            """#),
        ("python without block", nil, "sample iris | python", #"""
            error: expected a """…""" block after 'python', found end of input
             --> line 1, column 21
              |
            1 | sample iris | python
              |                     ^
              = help: write python """result = df"""
            """#),
        ("unterminated python block", nil, "python \"\"\"\nresult = 1\n", #"""
            error: unterminated Python block
             --> line 1, column 8
              |
            1 | python """
              |        ^^^
              = help: close it with """
            """#),
        ("unterminated quoted name", nil, "table t | filter `abc", #"""
            error: unterminated quoted name
             --> line 1, column 18
              |
            1 | table t | filter `abc
              |                  ^^^^
              = help: close it with `
            """#),
        ("let with sink", nil, "let x = table t -> csv \"a\"", #"""
            error: a 'let' binding cannot write to a sink
             --> line 1, column 17
              |
            1 | let x = table t -> csv "a"
              |                 ^^
              = help: bind first (let x = …), then write with x -> …
            """#),
        ("unclosed parenthesis", nil, "table t | filter (a > 1", #"""
            error: expected ')' to close '(', found end of input
             --> line 1, column 24
              |
            1 | table t | filter (a > 1
              |                        ^
            """#),
        ("unmatched parenthesis", nil, "table t | filter a > 1)", #"""
            error: unmatched ')'
             --> line 1, column 23
              |
            1 | table t | filter a > 1)
              |                       ^
            """#),
        ("missing source", nil, "| filter x", #"""
            error: expected a source, found '|'
             --> line 1, column 1
              |
            1 | | filter x
              | ^
              = help: a pipeline starts with table NAME, sql "…", csv "…", sample iris, python """…""", a let name or ( pipeline )
            """#),
        ("invalid number", nil, "table t | filter 12abc > 1", #"""
            error: invalid number '12abc'
             --> line 1, column 18
              |
            1 | table t | filter 12abc > 1
              |                  ^^^^^
              = help: a name cannot start with a digit; quote it with backticks: `12abc`
            """#),
        ("unknown escape", nil, "table t | filter x == 'a\\q'", #"""
            error: unknown escape '\q' in string
             --> line 1, column 25
              |
            1 | table t | filter x == 'a\q'
              |                         ^^
              = help: the escapes are \" \' \\ \n \t \$
            """#),
        ("keyword as expression", nil, "table t | derive x = and", #"""
            error: expected an expression, found 'and'
             --> line 1, column 22
              |
            1 | table t | derive x = and
              |                      ^^^
              = help: 'and' is a keyword; quote a column of that name with backticks: `and`
            """#),
        ("missing verb", nil, "table t |", #"""
            error: expected a verb after '|', found end of input
             --> line 1, column 10
              |
            1 | table t |
              |          ^
            """#),
        ("assignment statement", nil, "x = 1", #"""
            error: expected a statement, found an assignment
             --> line 1, column 3
              |
            1 | x = 1
              |   ^
              = help: bind a pipeline with let NAME = PIPELINE; compute a column with | derive NAME = EXPRESSION
            """#),
        ("several errors in one statement", nil, "table t | filter a > 1 | frob | sort -x | selec y", #"""
            error: unknown verb 'frob'
             --> line 1, column 26
              |
            1 | table t | filter a > 1 | frob | sort -x | selec y
              |                          ^^^^
              = help: verbs: filter, select, drop, derive, rename, summarize, sort, take, distinct, join, append, collect, summary, linmod, plot, python; a def verb is called as frob(…)

            error: unknown verb 'selec'
             --> line 1, column 43
              |
            1 | table t | filter a > 1 | frob | sort -x | selec y
              |                                           ^^^^^
              = help: did you mean 'select'?
            """#),
        ("several errors in one verb", nil, "table t | select a = , b = 1 +, c", #"""
            error: expected an expression, found ','
             --> line 1, column 22
              |
            1 | table t | select a = , b = 1 +, c
              |                      ^

            error: expected an expression after '+', found ','
             --> line 1, column 31
              |
            1 | table t | select a = , b = 1 +, c
              |                               ^
            """#),
        ("errors in several statements", "two.rex", "table t | take 1\ntable u | filtr x\n\n\n\n\n\n\n\n\ntable v | sort", #"""
            error: unknown verb 'filtr'
             --> two.rex, line 2, column 11
              |
            2 | table u | filtr x
              |           ^^^^^
              = help: did you mean 'filter'?

            error: 'sort' needs at least one item
              --> two.rex, line 11, column 11
               |
            11 | table v | sort
               |           ^^^^
               = help: for example: sort A, -B
            """#),
        ("multi-line span", nil, "table t | filter x == \"ab\ncd", #"""
            error: unterminated string
             --> line 1, column 23
              |
            1 | table t | filter x == "ab
              |                       ^^^
              = help: close it with "
            """#),
        ("tabs and wide characters", nil, "table t |\tfilter 名前 == 1 |\tfiltr x", #"""
            error: unknown verb 'filtr'
             --> line 1, column 28
              |
            1 | table t |    filter 名前 == 1 |    filtr x
              |                                    ^^^^^
              = help: did you mean 'filter'?
            """#),
        ("verb as source", nil, "filter x > 1", #"""
            error: a pipeline starts with a source, not the verb 'filter'
             --> line 1, column 1
              |
            1 | filter x > 1
              | ^^^^^^
              = help: a pipeline starts with table NAME, sql "…", csv "…", sample iris, python """…""", a let name or ( pipeline ), then | filter …
            """#),
        ("misspelled source", nil, "smaple iris | take 1", #"""
            error: unknown source 'smaple'
             --> line 1, column 1
              |
            1 | smaple iris | take 1
              | ^^^^^^
              = help: did you mean 'sample'?
            """#),
        ("misspelled join kind", nil, "table t | join lft u on k", #"""
            error: unknown source 'lft'
             --> line 1, column 16
              |
            1 | table t | join lft u on k
              |                ^^^
              = help: did you mean 'left'?
            """#),
        ("misspelled by", nil, "table t | summarize n = count() bu g", #"""
            error: unexpected 'bu' in 'summarize'
             --> line 1, column 33
              |
            1 | table t | summarize n = count() bu g
              |                                 ^^
              = help: did you mean 'by'?
            """#),
        ("misspelled offset", nil, "table t | take 1 ofset 2", #"""
            error: unexpected 'ofset' in 'take'
             --> line 1, column 18
              |
            1 | table t | take 1 ofset 2
              |                  ^^^^^
              = help: did you mean 'offset'?
            """#),
        ("case else not last", nil, "table t | select k = case(else => 1, x > 0 => 2)", #"""
            error: 'else =>' must be the last branch of case
             --> line 1, column 38
              |
            1 | table t | select k = case(else => 1, x > 0 => 2)
              |                                      ^
              = help: write case(C1 => V1, …, else => V)
            """#),
        ("case branch without arrow", nil, "table t | select k = case(x > 1 => 2, 3)", #"""
            error: expected '=>' after a condition of case, found ')'
             --> line 1, column 40
              |
            1 | table t | select k = case(x > 1 => 2, 3)
              |                                        ^
              = help: write case(C1 => V1, …, else => V)
            """#),
    ]
}
