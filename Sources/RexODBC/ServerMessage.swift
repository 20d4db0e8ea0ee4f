/// Informational messages of the server (SQL_SUCCESS_WITH_INFO records: T-SQL `PRINT` and
/// `RAISERROR … 10`, PostgreSQL `RAISE NOTICE`, warnings) as the server's own command-line
/// client shows them (SPEC §5): sqlcmd prints the server's text alone, psql `NOTICE:  hi`.
extension ODBCDiagnostic {
    /// `message` without the bracket groups that drivers and the driver manager put before
    /// the server's text: `[Microsoft][ODBC Driver 18 for SQL Server][SQL Server]hi` and
    /// `[FreeTDS][SQL Server]hi` give `hi`, `[unixODBC][Driver Manager]…` gives `…`. The
    /// groups end at `[SQL Server]`, so a message that itself starts with `[` keeps it.
    public var textWithoutDriverPrefix: String {
        Self.strippingDriverPrefix(message)
    }

    /// The message as sqlcmd or psql shows it: the server's text without driver prefixes,
    /// and psqlODBC's `NOTICE: hi` (also `WARNING:`, `INFO:`, `LOG:`, `DEBUG:`) in psql's
    /// form with two spaces, `NOTICE:  hi`.
    public var shownAsServerMessage: String {
        let text = textWithoutDriverPrefix
        for severity in ["NOTICE", "WARNING", "INFO", "LOG", "DEBUG"] {
            let label = severity + ": "
            if text.hasPrefix(label) && !text.hasPrefix(label + " ") {
                return severity + ":  " + text.dropFirst(label.count)
            }
        }
        return text
    }

    /// Drops leading `[…]` groups up to and including `[SQL Server]` (the server's own mark).
    static func strippingDriverPrefix(_ message: String) -> String {
        var rest = Substring(message)
        while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let group = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            if group == "SQL Server" { break }
        }
        return String(rest)
    }
}
