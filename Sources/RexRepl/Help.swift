/// Texts of `:help` and `:help TOPIC`.
enum Help {
    static let overview = """
    rex — a dataframe language for SQL Server, PostgreSQL, SQLite and pandas.

    Statements
      PIPELINE                      run it and print the result
      let NAME = PIPELINE           bind a lazy relation
      def NAME(P, …) = VERB | …     define a verb or an expression function
      PIPELINE -> SINK              write to a table, csv or png

    Commands
      :connect CONNSTR|DSN [as NAME]   connect (Pwd=? asks for the password)
      :use NAME  :disconnect [NAME]  :connections
      :context [local|server]       where pipelines run
      :tables [pattern]  :describe NAME
      :sql [tsql|postgres|sqlite] P  :python P   show compiled code
      :explain P                    the plan: where each part runs, its code, the columns that cross
      :exec RAW-SQL                 pass SQL through to the server
      :run FILE  :images  :save [N] FILE  :show [N]
      :format table|csv|tsv|json|markdown
      :set maxrows N | timing on|off | images inline|off | timeout S | echo on|off
           digits N                 significant digits of floats in the table (10; csv/json stay exact)
           pager on|off             tall results through $PAGER (less -SRXF) on a terminal (on)
           upload_limit N           rows of local data a server pipeline may upload (1,000,000)
           bulk_copy on|off         -> table on SQL Server through the bulk-copy API (on)
      :setvar NAME VALUE            $(NAME) in statements
      :server check                 what the server offers for server Python (versions, settings)
      :server install               install rex.run (server Python) for members of rex_python
      :help [topic]  :quit          (Ctrl-D also quits)

    Help topics: \(topics)
    """

    /// The topics `:help TOPIC` knows (`python` shows the embedded interpreter, see Commands).
    static let topics = "verbs, functions, commands, contexts, python"

    /// The text for `:help TOPIC`, or nil when the topic is unknown.
    static func topic(_ name: String) -> String? {
        switch name.lowercased() {
        case "", "rex": return overview
        case "verbs":
            return """
            Relational verbs: filter, select, drop, derive, rename, summarize … by, sort, take … offset,
            distinct, join [inner|left|full] … on, append, collect
            Analytic verbs: summary, linmod Y ~ X1 + X2, plot KIND …, python \"\"\"…\"\"\"
            """
        case "functions":
            return """
            if coalesce abs round floor ceil sqrt exp ln log10 power lower upper length trim substr
            contains starts_with ends_with replace concat year month day hour weekday int float text date
            Aggregates: count count_distinct sum mean min max sd var median any all
            """
        case "commands": return overview
        case "contexts":
            return """
            :context local   pipelines run in the embedded Python (pandas); tables are fetched over ODBC
            :context server  pipelines run on the connected server as one SQL statement; plot/python
                             steps run there as server Python; only results travel; local data
                             (csv, sample, a collected let) joined or appended to server data is
                             uploaded to a temporary table first (:set upload_limit N rows)
            """
        default: return nil
        }
    }
}
