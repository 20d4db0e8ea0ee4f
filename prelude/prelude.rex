# The rex prelude: verbs written in rex itself, loaded before anything else.
# Each is an ordinary `def`; a user's own def of the same name replaces it.

# head(n): the first n rows (after a sort), or any n rows.
def head(n) = take n

# top(n, col): the n rows with the largest col (nulls last).
def top(n, col) = sort -col | take n

# count_by(col): rows per level of col as column n, most frequent first.
def count_by(col) = summarize n = count() by col | sort -n, col

# freq(col): count_by plus each level's share of all rows, as percent.
def freq(col) = summarize n = count() by col | derive percent = 100.0 * n / sum(n) | sort -n, col
