/// Finds and hides secrets in connection strings and in free text (a `:connect` line, a
/// driver's or server's error, echoed SQL, a history entry), so rex never shows or stores
/// them (SPEC §5).
///
/// A secret is the value of a secret-bearing key of the three drivers — ODBC `PWD`,
/// psqlODBC `Password`, libpq `sslpassword` (also inside `pqopt={…}`), ODBC Driver 18's
/// `KeystoreSecret`, `ClientKey` and `ClientCertificate` (`file:…,password:…`), the
/// client secret of `Authentication=ActiveDirectoryServicePrincipal` (which travels as
/// `PWD`) — and of any key whose name says it holds one (`…password`, `…passwd`,
/// `…secret`, `…token`, `…pwd`). In SQL text, `PASSWORD '…'` and `IDENTIFIED BY '…'` are
/// secrets too, and so is the password of a `scheme://user:password@host` address.
/// A value is hidden whole however it is written: plain (up to `;` or a blank), braced
/// `{a;b}}c}`, or quoted `'…'`/`"…"` (doubled quotes and backslash escapes inside), with
/// an `N`/`E` prefix. `?` (ask for the password) is not a secret and stays visible.
public enum SecretMasking {
    /// What a hidden value is shown as.
    public static let mask = "***"

    /// True when `key` (a connection-string key or a word in text) holds a secret.
    public static func isSecretKey(_ key: String) -> Bool {
        let name = key.lowercased().filter { $0 != " " }
        if ["pwd", "clientkey", "clientcertificate"].contains(name) { return true }
        return ["password", "passwd", "secret"].contains { name.contains($0) } || name.hasSuffix("pwd") || name.hasSuffix("token")
    }

    /// `text` with the value of every secret replaced by `***`.
    public static func masked(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let (valueStart, valueEnd) = secretValue(in: scalars, at: index) {
                output.append(contentsOf: scalars[index..<valueStart])
                output.append(contentsOf: mask.unicodeScalars)
                index = valueEnd
                continue
            }
            output.append(scalars[index])
            index += 1
        }
        return String(output)
    }

    /// True when `text` holds a secret (a real value, not `Pwd=?`).
    public static func containsSecret(_ text: String) -> Bool {
        masked(text) != text
    }

    // MARK: - Scanning

    /// When a secret's key (or `://user:`) starts at `start`: the range of its value.
    private static func secretValue(in s: [Unicode.Scalar], at start: Int) -> (Int, Int)? {
        if let range = addressPassword(in: s, at: start) { return range }
        guard isWordScalar(s[start]), start == 0 || !isWordScalar(s[start - 1]) else { return nil }
        var end = start
        while end < s.count, isWordScalar(s[end]) { end += 1 }
        let word = String(String.UnicodeScalarView(s[start..<end])).lowercased()
        var index = skipBlanks(s, end)
        if word == "identified" {
            // IDENTIFIED BY '…'
            guard index + 2 <= s.count, String(String.UnicodeScalarView(s[index..<index + 2])).lowercased() == "by",
                  index + 2 == s.count || !isWordScalar(s[index + 2]) else { return nil }
            index = skipBlanks(s, index + 2)
            return quotedValue(in: s, at: index)
        }
        guard isSecretKey(word) else { return nil }
        guard index < s.count, s[index] == "=" else {
            // PASSWORD '…' (SQL): only a quoted value counts, so prose is left alone.
            return index > end ? quotedValue(in: s, at: index) : nil
        }
        index = skipBlanks(s, index + 1)
        guard index < s.count else { return nil }
        if s[index] == "{" {
            let end = bracedEnd(s, index)
            return Array(s[index..<end]) == ["{", "?", "}"] ? nil : (index, end)
        }
        if let quoted = quotedValue(in: s, at: index) { return quoted }
        var valueEnd = index
        while valueEnd < s.count, s[valueEnd] != ";", !isBlank(s[valueEnd]) { valueEnd += 1 }
        let value = s[index..<valueEnd]
        if value.isEmpty || Array(value) == ["?"] || Array(value) == ["?", "}"] { return nil }
        return (index, valueEnd)
    }

    /// A quoted literal at `index` (`'…'`, `"…"`, `N'…'`, `E'…'`): its range, to the closing quote.
    private static func quotedValue(in s: [Unicode.Scalar], at index: Int) -> (Int, Int)? {
        var open = index
        if open + 1 < s.count, ["N", "n", "E", "e"].contains(s[open]), s[open + 1] == "'" { open += 1 }
        guard open < s.count, s[open] == "'" || s[open] == "\"" else { return nil }
        let quote = s[open]
        var position = open + 1
        while position < s.count {
            if s[position] == "\\" { position += 2; continue }
            if s[position] == quote {
                if position + 1 < s.count, s[position + 1] == quote { position += 2; continue }
                return (index, position + 1)
            }
            position += 1
        }
        return (index, s.count)
    }

    /// The end of a braced value starting at `open` (after its single closing `}`; `}}` is a brace).
    private static func bracedEnd(_ s: [Unicode.Scalar], _ open: Int) -> Int {
        var position = open + 1
        while position < s.count {
            if s[position] == "}" {
                if position + 1 < s.count, s[position + 1] == "}" { position += 2; continue }
                return position + 1
            }
            position += 1
        }
        return s.count
    }

    /// `scheme://user:password@host`: the password's range (to the last `@` before the path,
    /// so a password with an `@` is hidden whole).
    private static func addressPassword(in s: [Unicode.Scalar], at start: Int) -> (Int, Int)? {
        guard start + 3 <= s.count, s[start] == ":", s[start + 1] == "/", s[start + 2] == "/" else { return nil }
        var position = start + 3
        var colon: Int?
        var at: Int?
        while position < s.count, !isBlank(s[position]), s[position] != "/", s[position] != ";" {
            if s[position] == ":", colon == nil { colon = position }
            if s[position] == "@" { at = position }
            position += 1
        }
        guard let colon, let at, at > colon + 1 else { return nil }
        return (colon + 1, at)
    }

    private static func skipBlanks(_ s: [Unicode.Scalar], _ index: Int) -> Int {
        var index = index
        while index < s.count, isBlank(s[index]) { index += 1 }
        return index
    }

    private static func isBlank(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r"
    }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }
}
