import RexODBC
import Testing

@Suite("Secret masking: every secret-bearing key, however its value is written")
struct SecretMaskingTests {
    static let secret = "p@ss-Secret17"

    @Test("connection strings of the three drivers: every secret key is masked in masked and in free text", arguments: [
        "Driver={PostgreSQL Unicode};Server=h;Uid=u;Pwd=p@ss-Secret17;",
        "Driver={PostgreSQL Unicode};Server=h;Username=u;Password=p@ss-Secret17",
        "Driver={PostgreSQL Unicode};Server=h;pqopt={sslmode=require sslpassword=p@ss-Secret17};",
        "Driver={PostgreSQL Unicode};Server=h;sslpassword=p@ss-Secret17;",
        "Driver={ODBC Driver 18 for SQL Server};Server=s;UID=u;PWD={p@ss-Secret17;with}}braces};",
        "Driver={ODBC Driver 18 for SQL Server};Server=s;ColumnEncryption=Enabled;KeystoreAuthentication=KeyVaultClientSecret;KeystorePrincipalId=id;KeystoreSecret=p@ss-Secret17",
        "Driver={ODBC Driver 18 for SQL Server};Server=s;ClientCertificate=file:/c.pfx,password:p@ss-Secret17;",
        "Driver={ODBC Driver 18 for SQL Server};Server=s;ClientCertificate=file:/c.pem;ClientKey=file:/k.pem,password:p@ss-Secret17;",
        "Driver={ODBC Driver 18 for SQL Server};Server=s;Authentication=ActiveDirectoryServicePrincipal;UID=app-id;PWD=p@ss-Secret17;",
        "Driver={ODBC Driver 18 for SQL Server};Server=s;Authentication=ActiveDirectoryPassword;UID=a@b.c;Password={p@ss-Secret17};",
        "Driver={SQLite3};Database=/tmp/x.sqlite;Pwd=p@ss-Secret17",
    ])
    func connectionStrings(text: String) {
        let string = ConnectionString(text)
        #expect(!string.masked.contains(Self.secret), "\(string.masked)")
        #expect(!"\(string)".contains(Self.secret))
        #expect(!ConnectionString.maskPasswords(in: ":connect \(text) as prod").contains(Self.secret))
        #expect(!ConnectionString.maskPasswords(in: "error: could not connect to \(text)\nmore").contains("Secret17"))
        #expect(ConnectionString.maskPasswords(in: text).contains("***"))
        #expect(SecretMasking.containsSecret(text))
    }

    @Test("quoted values (SQL-ish forms in server errors) are masked whole", arguments: [
        "CREATE LOGIN bob WITH PASSWORD = 'p@ss-Secret17', CHECK_POLICY = OFF",
        "CREATE LOGIN bob WITH PASSWORD = N'p@ss-Secret17'",
        "ALTER ROLE bob PASSWORD 'p@ss-Secret17'",
        "ALTER ROLE bob WITH ENCRYPTED PASSWORD E'p@ss-\\'Secret17'",
        "CREATE USER bob IDENTIFIED BY 'p@ss-Secret17'",
        "CREATE CREDENTIAL c WITH IDENTITY = 'i', SECRET = 'p@ss-Secret17'",
        "password=\"p@ss-Secret17\"",
        "Pwd='p@ss-''Secret17'",
        "Pwd = p@ss-Secret17 trailing",
        "postgresql://bob:p@ss-Secret17@db.example.com/x",
    ])
    func quotedForms(text: String) {
        let masked = ConnectionString.maskPasswords(in: text)
        #expect(!masked.contains("Secret17"), "\(masked)")
        #expect(masked.contains("***"))
    }

    @Test("a quoted secret with a ; inside (split there by ODBC) is hidden up to its closing quote in masked", arguments: [
        ("Driver=x;Uid=u;PWD='p@ss;hunter2';Server=h", "Driver=x;Uid=u;PWD=***;Server=h;"),
        ("Driver=x;PWD=\"a;b=hunter2\";Database=d", "Driver=x;PWD=***;Database=d;"),
        ("Driver=x;Password='a;hunter2'", "Driver=x;Password=***;"),
        ("Driver=x;Pwd=N'a;b;hunter2';Database=d", "Driver=x;Pwd=***;Database=d;"),
        ("Driver=x;Pwd='a'';hunter2';Database=d", "Driver=x;Pwd=***;Database=d;"),
        ("Driver=x;Pwd='closed';Database=d", "Driver=x;Pwd=***;Database=d;"),
    ])
    func quotedWithSemicolon(text: String, expected: String) {
        let string = ConnectionString(text)
        #expect(string.masked == expected, "\(string.masked)")
        #expect(!string.masked.contains("hunter2"))
    }

    @Test("what is not a secret stays: Pwd=?, other keys, prose about passwords")
    func notSecrets() {
        #expect(ConnectionString.maskPasswords(in: "DSN=x;Uid=a;Pwd=?;Database=d") == "DSN=x;Uid=a;Pwd=?;Database=d")
        #expect(!SecretMasking.containsSecret(":connect DSN=x;Uid=a;Pwd={?}"))
        #expect(ConnectionString.maskPasswords(in: "FATAL: password authentication failed for user \"bob\"")
                == "FATAL: password authentication failed for user \"bob\"")
        #expect(ConnectionString.maskPasswords(in: "Server=h;TrustServerCertificate=yes;KeystorePrincipalId=id")
                == "Server=h;TrustServerCertificate=yes;KeystorePrincipalId=id")
        #expect(ConnectionString("Driver=x;Pwd=?").masked == "Driver=x;Pwd=?;")
        #expect(!SecretMasking.containsSecret("sample iris | filter Species == \"setosa\""))
    }

    @Test("secret keys of the drivers", arguments: ["PWD", "Password", "sslpassword", "KeystoreSecret", "ClientKey",
                                                    "ClientCertificate", "AEKeyStoreClientSecret", "Key Store Secret", "AccessToken"])
    func secretKeys(key: String) {
        #expect(SecretMasking.isSecretKey(key))
    }

    @Test("keys that hold no secret", arguments: ["UID", "Server", "Authentication", "KeystorePrincipalId", "TrustServerCertificate",
                                                  "Encrypt", "Database", "sslmode"])
    func plainKeys(key: String) {
        #expect(!SecretMasking.isSecretKey(key))
    }
}
