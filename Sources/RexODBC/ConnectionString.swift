import Foundation

/// An ODBC connection string (`Key=Value;Key={braced;value}`) or a bare DSN name.
///
/// Keys compare case-insensitively and keep their order. `masked` is the form to show
/// anywhere (prompts, lists, errors, history): every password is replaced by `***`.
public struct ConnectionString: Sendable, Equatable, CustomStringConvertible {
    /// One `key=value` pair, as written (key spelling kept, value unbraced).
    public struct Pair: Sendable, Equatable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The pairs in order. A bare DSN name `sales` is held as `DSN=sales`.
    public private(set) var pairs: [Pair]

    /// Keys whose value `?` asks for the password.
    static let passwordKeys: Set<String> = ["pwd", "password"]

    /// Parses `text`. Text without any `=` is a DSN name.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, !trimmed.contains("=") {
            pairs = [Pair(key: "DSN", value: trimmed)]
        } else {
            pairs = ConnectionString.parse(trimmed)
        }
    }

    /// The connection string of `pairs`, in order (`text` braces each value as needed).
    public init(pairs: [Pair]) {
        self.pairs = pairs
    }

    /// The value of `key` (case-insensitive), if present.
    public subscript(key: String) -> String? {
        get { pairs.last { $0.key.lowercased() == key.lowercased() }?.value }
        set {
            if let index = pairs.lastIndex(where: { $0.key.lowercased() == key.lowercased() }) {
                if let newValue { pairs[index].value = newValue } else { pairs.removeAll { $0.key.lowercased() == key.lowercased() } }
            } else if let newValue {
                pairs.append(Pair(key: key, value: newValue))
            }
        }
    }

    /// True when `key` is present (case-insensitive).
    public func contains(_ key: String) -> Bool { self[key] != nil }

    /// The full text to hand to the driver (contains the password).
    public var text: String {
        pairs.map { "\($0.key)=\(ConnectionString.quote($0.value))" }.joined(separator: ";") + (pairs.isEmpty ? "" : ";")
    }

    /// The text with every secret replaced by `***` (every secret-bearing key of the
    /// drivers, and secrets inside other values such as `pqopt={sslpassword=…}`; see
    /// `SecretMasking`): safe to show or store.
    ///
    /// A secret written in quotes with a `;` inside (`PWD='a;b'`, which ODBC does not read
    /// as one value: it splits at the `;`) is hidden up to its closing quote, so the part
    /// after the `;` is not shown as a key.
    public var masked: String {
        var shown: [String] = []
        var openQuote: Unicode.Scalar?
        for pair in pairs {
            var key = pair.key
            if let quote = openQuote {
                // The rest of a quoted secret: hidden up to its closing quote.
                if let rest = ConnectionString.afterClosingQuote(quote, in: key) {
                    openQuote = nil
                    key = String(rest.drop { $0 == ";" || $0 == " " })
                    if key.isEmpty { continue }
                } else {
                    if ConnectionString.afterClosingQuote(quote, in: pair.value) != nil { openQuote = nil }
                    continue
                }
            }
            if SecretMasking.isSecretKey(key) && pair.value != "?" {
                shown.append("\(key)=\(SecretMasking.mask)")
                openQuote = ConnectionString.unclosedQuote(pair.value)
            } else {
                shown.append("\(key)=\(SecretMasking.masked(ConnectionString.quote(pair.value)))")
            }
        }
        return shown.joined(separator: ";") + (pairs.isEmpty ? "" : ";")
    }

    /// The quote (`'` or `"`, after an optional `N`/`E`) that `value` opens and does not close.
    static func unclosedQuote(_ value: String) -> Unicode.Scalar? {
        var scalars = Substring(value).unicodeScalars.drop { $0 == " " }
        if let first = scalars.first, "NnEe".unicodeScalars.contains(first), scalars.dropFirst().first == "'" { scalars = scalars.dropFirst() }
        guard let quote = scalars.first, quote == "'" || quote == "\"" else { return nil }
        return afterClosingQuote(quote, in: String(String.UnicodeScalarView(scalars.dropFirst()))) == nil ? quote : nil
    }

    /// The text after the first closing `quote` in `text` (a doubled quote or a backslash
    /// escape does not close), or nil when there is none.
    static func afterClosingQuote(_ quote: Unicode.Scalar, in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\" { index += 2; continue }
            if scalars[index] == quote {
                if index + 1 < scalars.count, scalars[index + 1] == quote { index += 2; continue }
                return String(String.UnicodeScalarView(scalars[(index + 1)...]))
            }
            index += 1
        }
        return nil
    }

    /// Same as `masked`: a connection string never prints its password.
    public var description: String { masked }

    /// The server named by `Server`, `Host`, `Servername` or `Data Source`, or the DSN.
    public var server: String? {
        self["Server"] ?? self["Host"] ?? self["Servername"] ?? self["Data Source"] ?? self["DSN"]
    }

    /// The database named by `Database`, `Initial Catalog` or `DBQ` (SQLite: the file).
    public var database: String? { self["Database"] ?? self["Initial Catalog"] ?? self["DBQ"] }

    /// True when the password is to be asked for (`Pwd=?` or `Password=?`).
    public var asksForPassword: Bool {
        pairs.contains { ConnectionString.passwordKeys.contains($0.key.lowercased()) && $0.value == "?" }
    }

    /// A copy with `Pwd=?` replaced: from `REX_PASSWORD` in `environment` if set, else
    /// from `ask` (given the prompt; `rex --serve` asks its client) or, without it, asked
    /// on the terminal `ttyPath` without echo. Throws `PasswordUnavailable` (the CLI maps
    /// it to exit status 3) when neither works.
    public func resolvingPassword(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  ttyPath: String = "/dev/tty",
                                  ask: ((String) -> String?)? = nil) throws -> ConnectionString {
        guard asksForPassword else { return self }
        let password: String
        if let fromEnvironment = environment["REX_PASSWORD"] {
            password = fromEnvironment
        } else {
            let target = [self["Uid"] ?? self["User"] ?? self["User ID"], server, database]
                .compactMap { $0 }.joined(separator: " @ ")
            let prompt = "Password for \(target.isEmpty ? masked : target): "
            if let ask {
                guard let answered = ask(prompt) else { throw PasswordUnavailable(connection: masked, declined: true) }
                password = answered
            } else {
                guard let typed = readPasswordFromTerminal(path: ttyPath, prompt: prompt) else {
                    throw PasswordUnavailable(connection: masked)
                }
                password = typed
            }
        }
        var copy = self
        for index in copy.pairs.indices
        where ConnectionString.passwordKeys.contains(copy.pairs[index].key.lowercased()) && copy.pairs[index].value == "?" {
            copy.pairs[index].value = password
        }
        return copy
    }

    /// `text` with every secret replaced by `***`, however its value is written (plain,
    /// braced, quoted): for free text that may contain a connection string or SQL with a
    /// password (a `:connect` line, an error, echoed SQL). See `SecretMasking`.
    public static func maskPasswords(in text: String) -> String {
        SecretMasking.masked(text)
    }

    // MARK: - Parsing and quoting

    static func parse(_ text: String) -> [Pair] {
        var pairs: [Pair] = []
        var index = text.startIndex
        while index < text.endIndex {
            // key
            guard let equals = text[index...].firstIndex(of: "=") else {
                let leftover = text[index...].trimmingCharacters(in: .whitespaces)
                if !leftover.isEmpty, leftover != ";" { pairs.append(Pair(key: leftover, value: "")) }
                break
            }
            let key = text[index..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " ;"))
            index = text.index(after: equals)
            // skip spaces before the value
            while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
            var value = ""
            if index < text.endIndex, text[index] == "{" {
                index = text.index(after: index)
                while index < text.endIndex {
                    let character = text[index]
                    index = text.index(after: index)
                    if character == "}" {
                        if index < text.endIndex, text[index] == "}" { value.append("}"); index = text.index(after: index); continue }
                        break
                    }
                    value.append(character)
                }
                // skip to the next `;`
                while index < text.endIndex, text[index] != ";" { index = text.index(after: index) }
            } else {
                let end = text[index...].firstIndex(of: ";") ?? text.endIndex
                value = text[index..<end].trimmingCharacters(in: .whitespaces)
                index = end
            }
            if index < text.endIndex { index = text.index(after: index) }
            if !key.isEmpty { pairs.append(Pair(key: key, value: value)) }
        }
        return pairs
    }

    /// A value braced when it needs to be (`;`, braces, surrounding spaces).
    static func quote(_ value: String) -> String {
        let needsBraces = value.contains(";") || value.contains("{") || value.contains("}")
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        return needsBraces ? "{" + value.replacingOccurrences(of: "}", with: "}}") + "}" : value
    }
}

/// `Pwd=?` could not be resolved: no `REX_PASSWORD` and no terminal to ask on.
/// The command line maps this to exit status 3 (could not connect).
public struct PasswordUnavailable: Error, Sendable, CustomStringConvertible {
    /// The masked connection string.
    public let connection: String
    /// True when the client of `rex --serve` was asked and gave no password.
    public var declined = false

    public init(connection: String, declined: Bool = false) {
        self.connection = connection
        self.declined = declined
    }

    public var description: String {
        if declined { return "no password was given for \(connection)" }
        return "cannot ask for the password of \(connection): no terminal (/dev/tty) and REX_PASSWORD is not set; set REX_PASSWORD or run rex on a terminal"
    }
}
