/// The candidate closest to `name`, when it is close enough to be a likely typo
/// (`filtr` → `filter`, `Specis` → `Species`), for `did you mean '…'?` hints.
///
/// Distance is Damerau-Levenshtein (optimal string alignment: insert, delete, substitute,
/// swap two neighbours) over Unicode scalars, ignoring case; a candidate that differs only
/// in case always wins. Allowed distance: 1 for names up to 5 characters, 2 up to 8, else 3.
/// Ties go to the earlier candidate. `name` itself is never suggested.
public func suggest(_ name: String, from candidates: [String]) -> String? {
    let lowered = name.lowercased()
    let length = name.unicodeScalars.count
    let limit = length <= 5 ? 1 : (length <= 8 ? 2 : 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != name {
        let distance = editDistance(lowered, candidate.lowercased())
        guard distance <= limit else { continue }
        // A one-letter name matches almost anything: require the first letter to agree.
        if length <= 2, candidate.lowercased().first != lowered.first { continue }
        if best == nil || distance < best?.distance ?? .max {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// Damerau-Levenshtein distance (optimal string alignment) over Unicode scalars.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, table[i - 2][j - 2] + 1)
            }
            table[i][j] = value
        }
    }
    return table[a.count][b.count]
}
