import CODBC
import Foundation
import RexData
@testable import RexODBC
import RexTestSupport
import Testing

// The SQL Server bulk-copy path, as far as it can be checked without a SQL Server: the installed
// Microsoft ODBC Driver 18 exports the functions and they are found the way a connection finds
// them; the driver manager hands out the driver's own handle; a failed login leaves nothing to
// copy into; the values are laid out as bcp_bind is told. The copy itself is tested against a
// live server in MSSQLTests (REX_TEST_MSSQL).
@Suite("BulkCopy: SQL Server's bulk-copy API of ODBC Driver 18")
struct BulkCopyTests {
    static let driverName = "ODBC Driver 18 for SQL Server"

    @Test("the registered Driver 18 library exports every bcp function rex calls, and a loaded one is found by its file name")
    func driver18ExportsBulkCopy() throws {
        let path = try #require(BulkCopyLibrary.registeredDriverFile(Self.driverName), "\(Self.driverName) is not registered in odbcinst.ini")
        #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        let opened = try BulkCopyLibrary.open(path: path)
        #expect(opened.path == path)
        // What a connection does: find the loaded library by the name SQL_DRIVER_NAME gives
        // (the file name, which the driver reports), and open it again without loading it.
        let loaded = BulkCopyLibrary.loadedLibraryPaths()
        #expect(loaded.contains(path))
        // Every loaded library, not the first page of /proc/self/maps: libc and unixODBC too.
        #expect(loaded.contains { ($0 as NSString).lastPathComponent.hasPrefix("libc.so") }, "\(loaded)")
        #expect(loaded.contains { ($0 as NSString).lastPathComponent.hasPrefix("libodbc.so") }, "\(loaded)")
        let found = try BulkCopyLibrary.loaded(named: (path as NSString).lastPathComponent)
        #expect(found.path == path)
        // The same functions, not a second copy of the library.
        func address<T>(_ function: T) -> UnsafeRawPointer { unsafeBitCast(function, to: UnsafeRawPointer.self) }
        #expect(address(found.initW) == address(opened.initW))
        #expect(address(found.sendrow) == address(opened.sendrow))
        #expect(address(found.getDiagRecW) == address(opened.getDiagRecW))
        for name in BulkCopyLibrary.symbolNames {
            #expect(dlsym(dlopen(path, RTLD_NOW | RTLD_NOLOAD), name) != nil, "\(name)")
        }
    }

    /// The data source lookup, checked where the run provides a data source of Driver 18 named
    /// `rexbcpdsn` (`ODBCINI=FILE` with `[rexbcpdsn]` / `Driver=ODBC Driver 18 for SQL Server`):
    /// the test never changes the environment itself, which other tests read concurrently.
    @Test("a data source of Driver 18 asks for bulk copy as a Driver= connection string does",
          .enabled(if: BulkCopyLibrary.driverOfDataSource("rexbcpdsn") != nil, "no data source rexbcpdsn (set ODBCINI to a file with one)"))
    func dataSourceOfDriver18() throws {
        #expect(BulkCopyLibrary.driverOfDataSource("rexbcpdsn") == Self.driverName)
        #expect(Connection.isMicrosoftDriver(ConnectionString("DSN=rexbcpdsn;Uid=a")))
        #expect(Connection.isMicrosoftDriver(ConnectionString("rexbcpdsn")))
    }

    @Test("a connection string naming a data source that does not exist is not Microsoft's driver")
    func missingDataSource() {
        #expect(BulkCopyLibrary.driverOfDataSource("no-such-dsn-\(UUID().uuidString)") == nil)
        #expect(!Connection.isMicrosoftDriver(ConnectionString("DSN=no-such-dsn-\(UUID().uuidString)")))
    }

    @Test("a library that is not loaded is never loaded by the lookup")
    func notLoadedIsNotLoaded() throws {
        let error = try #require(throws: BulkCopyUnavailable.self) {
            _ = try BulkCopyLibrary.loaded(named: "libno-such-driver-\(UUID().uuidString).so")
        }
        #expect(error.reason.contains("no loaded library"), "\(error)")
    }

    @Test("unixODBC gives the driver's own connection handle; a driver without bcp functions is refused")
    func driverHandleAndRefusal() throws {
        let connection = try Connection(connectionString: TestEnvironment.sqliteDatabase().connectionString)
        defer { connection.close() }
        let driverHandle = try Connection.driverHandle(of: connection.handle)
        #expect(UnsafeMutableRawPointer(connection.handle) != driverHandle)
        let driverName = try connection.info(Int32(SQL_DRIVER_NAME))
        #expect(driverName.contains("sqlite"), "\(driverName)")
        // sqliteodbc reports "sqlite3odbc.so", not its file name: the registered file is found.
        let error = try #require(throws: BulkCopyUnavailable.self) {
            _ = try Connection.bulkCopyFunctions(of: connection.handle, connectionString: connection.connectionString)
        }
        #expect(error.reason.contains("has no function bcp_initW"), "\(error)")
        #expect(!connection.requestedBulkCopy)
        guard case .failure(let why) = connection.openBulkCopy(into: "\"t\"", types: [.int], displayName: "t") else {
            Issue.record("bulk copy opened on SQLite"); return
        }
        #expect(why.reason.contains("SQLite"), "\(why)")
    }

    @Test("Driver 18 asked for bulk copy, an unreachable server: the login fails with 08001/HYT00 and there is no driver connection to copy on (08003)")
    func unreachableServer() throws {
        let env = try #require(ODBCEnvironment.shared.handle)
        var allocated: SQLHDBC?
        #expect(SQLAllocHandle(SQLSMALLINT(SQL_HANDLE_DBC), env, &allocated) == SQL_SUCCESS)
        let dbc = try #require(allocated)
        defer { SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_DBC), dbc) }
        SQLSetConnectAttrW(dbc, SQLINTEGER(SQL_ATTR_LOGIN_TIMEOUT), SQLPOINTER(bitPattern: 3), 0)
        let asked = SQLSetConnectAttrW(dbc, Connection.copyOptionBulkCopy, SQLPOINTER(bitPattern: Connection.bulkCopyOn),
                                       SQLINTEGER(SQL_IS_INTEGER))
        #expect(asked == SQL_SUCCESS || asked == SQL_SUCCESS_WITH_INFO, "unixODBC keeps the attribute for the driver")
        var text = "Driver={\(Self.driverName)};Server=127.0.0.1,1;Uid=rex;Pwd=secret;Login Timeout=3".wideNulTerminated
        var outLength: SQLSMALLINT = 0
        let started = Date()
        let code = SQLDriverConnectW(dbc, nil, &text, SQLSMALLINT(SQL_NTS), nil, 0, &outLength, SQLUSMALLINT(SQL_DRIVER_NOPROMPT))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(code == SQL_ERROR)
        let login = readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: dbc)
        #expect(["08001", "HYT00", "S1T00"].contains(login.first?.sqlState ?? ""), "\(login)")
        #expect(login.allSatisfy { $0.message.contains("[Microsoft][ODBC Driver 18 for SQL Server]") }, "\(login)")
        let error = try #require(throws: ODBCError.self) {
            _ = try Connection.bulkCopyFunctions(of: dbc, connectionString: ConnectionString("Driver={\(Self.driverName)}"))
        }
        #expect(error.sqlState == "08003", "\(error)")
        #expect(error.function == "SQLGetInfo(SQL_DRIVER_HDBC)")
    }

    // MARK: - Values as bcp_bind reads them

    @Test("datetime values: days since 1900-01-01 and 1/300 s ticks, rounded as SQL Server rounds milliseconds")
    func datetimeTicks() throws {
        /// "YYYY-MM-DDTHH:MM:SS[.ffffff]" in microseconds since 1970.
        func micros(_ text: String) throws -> Int64 {
            let parts = text.split(whereSeparator: { "-T:.".contains($0) }).map(String.init)
            guard parts.count >= 6, let numbers = Optional(parts.prefix(6).compactMap { Int($0) }), numbers.count == 6 else {
                throw TestFailure("bad datetime \(text)")
            }
            let fraction = parts.count > 6 ? Int64((parts[6] + "000000").prefix(6)) ?? 0 : 0
            let days = CivilDate(year: numbers[0], month: numbers[1], day: numbers[2]).daysSinceEpoch
            return (days * 86_400 + Int64(numbers[3] * 3600 + numbers[4] * 60 + numbers[5])) * 1_000_000 + fraction
        }
        #expect(DBDateTime(try micros("1900-01-01T00:00:00")) == DBDateTime(days: 0, ticks: 0))
        #expect(DBDateTime(try micros("1970-01-01T00:00:00")) == DBDateTime(days: 25_567, ticks: 0))
        #expect(DBDateTime(try micros("1753-01-01T00:00:00")) == DBDateTime(days: -53_690, ticks: 0))
        #expect(DBDateTime(try micros("1752-12-31T23:59:59.997")) == nil)
        #expect(DBDateTime(try micros("9999-12-31T00:00:00")) == DBDateTime(days: 2_958_463, ticks: 0))
        #expect(DBDateTime(try micros("9999-12-31T23:59:59.998")) == DBDateTime(days: 2_958_463, ticks: 25_919_999))
        #expect(DBDateTime(try micros("9999-12-31T23:59:59.999")) == nil, "rounds to 10000-01-01")
        // SQL Server's documented rounding of datetime milliseconds: .990/.991 → .990,
        // .992–.994 → .993, .995–.998 → .997, .999 → the next second.
        let base = Int64(12 * 3600 * 300)
        for (fraction, ticks) in [("990", 297), ("991", 297), ("992", 298), ("994", 298), ("995", 299), ("998", 299), ("999", 300)] {
            let value = try #require(DBDateTime(try micros("2024-02-29T12:00:00.\(fraction)")))
            #expect(value.ticks == UInt32(base + Int64(ticks)), ".\(fraction)")
        }
        // Microseconds are cut to milliseconds first, as the parameter path sends them.
        #expect(DBDateTime(try micros("2024-02-29T12:00:00.001999"))?.ticks == UInt32(base + 0))
        #expect(DBDateTime(try micros("2024-02-29T23:59:59.999")) == DBDateTime(days: Int32(25_567 + 19_782 + 1), ticks: 0))
    }

    @Test("a batch's values in bcp_bind's layouts: UTF-16 text and bytes back to back, NULL flags, dates, bits, NaN as NULL")
    func chunkLayout() throws {
        var text = VarBuffer(), bytes = VarBuffer()
        for value in ["a𝄞", "", "naïve", "x"] { text.append(value) }
        for value in [[UInt8](), [0, 255], [7], [1, 2, 3]] { bytes.append(value) }
        let table = Table(schema: Schema([Field("t", .text), Field("b", .bytes), Field("d", .date),
                                          Field("f", .float), Field("k", .bool)]),
                          columns: [Column(storage: .text(text), validity: [true, true, true, false]),
                                    Column(storage: .bytes(bytes), validity: [true, true, false, true]),
                                    Column(storage: .date([0, -1, 19_782, 0]), validity: [true, true, true, false]),
                                    Column(storage: .float([1.5, .nan, -0.0, 2]), validity: [true, true, true, true]),
                                    Column(storage: .bool([true, false, true, true]), validity: [true, true, true, true])])
        let widths = table.columns.map { BulkCopy.fixedWidth($0.type) }
        #expect(widths == [0, 0, 6, 8, 1])
        // Rows 1…3 (of 0…3): offsets start at the chunk's first value.
        let chunk = BulkCopyChunk(table, rows: 1..<4, widths: widths)
        #expect(chunk.rows == 3)
        let t = chunk.columns[0]
        #expect((0...3).map { t.offsets[$0] } == [0, 0, 10, 12])
        let units = (0..<6).map { t.data.load(fromByteOffset: $0 * 2, as: UInt16.self) }
        #expect(String(decoding: units[0..<5], as: UTF16.self) == "naïve")
        #expect((0..<3).map { t.nulls[$0] } == [false, false, true])
        let b = chunk.columns[1]
        #expect((0...3).map { b.offsets[$0] } == [0, 2, 3, 6])
        #expect((0..<6).map { b.data.load(fromByteOffset: $0, as: UInt8.self) } == [0, 255, 7, 1, 2, 3])
        #expect((0..<3).map { b.nulls[$0] } == [false, true, false])
        let d = chunk.columns[2]
        func date(_ row: Int) -> [Int] {
            [Int(d.data.load(fromByteOffset: row * 6, as: Int16.self)), Int(d.data.load(fromByteOffset: row * 6 + 2, as: UInt16.self)),
             Int(d.data.load(fromByteOffset: row * 6 + 4, as: UInt16.self))]
        }
        #expect(date(0) == [1969, 12, 31])
        #expect(date(1) == [2024, 2, 29])
        #expect(d.nulls[2])
        let f = chunk.columns[3]
        #expect((0..<3).map { f.nulls[$0] } == [true, false, false], "NaN is NULL")
        #expect(f.data.load(fromByteOffset: 8, as: Double.self).bitPattern == (-0.0).bitPattern)
        let k = chunk.columns[4]
        #expect((0..<3).map { k.data.load(fromByteOffset: $0, as: UInt8.self) } == [0, 1, 1])
    }

    @Test("values SQL Server cannot hold are refused before any row is sent")
    func ranges() throws {
        func table(_ column: Column, _ type: DataType) -> Table {
            Table(schema: Schema([Field("v", type)]), columns: [column])
        }
        let infinite = table(Column(storage: .float([1, -.infinity]), validity: [true, true]), .float)
        let error = try #require(throws: ValueOutOfRange.self) { try BulkCopy.checkRanges(infinite, rowsBefore: 10) }
        #expect(error.row == 12)
        #expect(error.description.contains("no infinity"), "\(error)")
        // 1752-12-31T23:59:59.990 (23:59:59.999 would round to 1753-01-01, as on SQL Server).
        let old = table(Column(storage: .datetime([0, -6_847_804_800_000_000 - 10_000]), validity: [true, true]), .datetime)
        let before = try #require(throws: ValueOutOfRange.self) { try BulkCopy.checkRanges(old, rowsBefore: 0) }
        #expect(before.row == 2)
        #expect(before.description.contains("1753-01-01"), "\(before)")
        // A NULL slot's value is never looked at.
        try BulkCopy.checkRanges(table(Column(storage: .float([.infinity]), validity: [false]), .float), rowsBefore: 0)
    }
}

private struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Calls into Driver 18 directly, without unixODBC or a server: the driver's own environment
/// and connection handles, asked for bulk copy but never connected.
@Suite("BulkCopy: the bcp functions of Driver 18 called through rex's C signatures")
struct BulkCopyDriverCallTests {
    typealias AllocHandle = @convention(c) (Int16, UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int16
    typealias SetEnvAttr = @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?, Int32) -> Int16
    typealias SetConnectAttrW = @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?, Int32) -> Int16
    typealias FreeHandle = @convention(c) (Int16, UnsafeMutableRawPointer?) -> Int16

    @Test("bcp_* on a connection that never connected fail cleanly, and the driver's own SQLGetDiagRecW says why")
    func initWithoutServer() throws {
        let path = try #require(BulkCopyLibrary.registeredDriverFile(BulkCopyTests.driverName))
        let library = try BulkCopyLibrary.open(path: path)
        let handle = try #require(dlopen(path, RTLD_NOW | RTLD_NOLOAD))
        defer { dlclose(handle) }
        func function<T>(_ name: String, _ type: T.Type) throws -> T {
            unsafeBitCast(try #require(dlsym(handle, name), "\(name)"), to: type)
        }
        let alloc = try function("SQLAllocHandle", AllocHandle.self)
        let setEnv = try function("SQLSetEnvAttr", SetEnvAttr.self)
        let setConnect = try function("SQLSetConnectAttrW", SetConnectAttrW.self)
        let free = try function("SQLFreeHandle", FreeHandle.self)
        var env: UnsafeMutableRawPointer?
        #expect(alloc(Int16(SQL_HANDLE_ENV), nil, &env) == Int16(SQL_SUCCESS))
        defer { _ = free(Int16(SQL_HANDLE_ENV), env) }
        _ = setEnv(env, Int32(SQL_ATTR_ODBC_VERSION), UnsafeMutableRawPointer(bitPattern: Int(SQL_OV_ODBC3_80)), 0)
        var dbc: UnsafeMutableRawPointer?
        #expect(alloc(Int16(SQL_HANDLE_DBC), env, &dbc) == Int16(SQL_SUCCESS))
        let driverHandle = try #require(dbc)
        defer { _ = free(Int16(SQL_HANDLE_DBC), driverHandle) }
        let asked = setConnect(driverHandle, Connection.copyOptionBulkCopy, UnsafeMutableRawPointer(bitPattern: Connection.bulkCopyOn),
                               Int32(SQL_IS_INTEGER))
        #expect(asked == Int16(SQL_SUCCESS) || asked == Int16(SQL_SUCCESS_WITH_INFO))
        // The owner kept alive by the copy: any connection will do here.
        let owner = try Connection(connectionString: TestEnvironment.sqliteDatabase().connectionString)
        let error = try #require(throws: BulkCopyUnavailable.self) {
            _ = try BulkCopy(connection: owner, library: library, driverHandle: driverHandle,
                             quotedTable: "[dbo].[rex_staging_0123456789abcdef]", types: [.int, .text], displayName: "[t]")
        }
        #expect(error.reason.hasPrefix("bcp_initW failed: "), "\(error)")
        // Without bcp_initW every other call is refused, not a crash.
        var value: Int64 = 7
        #expect(library.bind(driverHandle, &value, 0, 8, nil, 0, BulkCopyHostType.int8.rawValue, 1) != BulkCopyC.succeed)
        #expect(library.colptr(driverHandle, &value, 1) != BulkCopyC.succeed)
        #expect(library.collen(driverHandle, BulkCopyC.nullData, 1) != BulkCopyC.succeed)
        #expect(library.sendrow(driverHandle) != BulkCopyC.succeed)
        // bcp_batch answers 0 rows here, not -1: rex also checks that every row sent was saved.
        #expect(library.batch(driverHandle) <= 0)
        #expect(library.done(driverHandle) == -1)
        // The driver's own records, read through rex's SQLGetDiagRecW signature: an attribute
        // no driver knows is refused with HY092 (or HY024) in Driver 18's words.
        #expect(setConnect(driverHandle, 987_654, nil, Int32(SQL_IS_INTEGER)) == Int16(SQL_ERROR))
        let records = library.diagnostics(of: driverHandle)
        #expect(records.contains { ["HY092", "HY024"].contains($0.sqlState) }, "\(records)")
        #expect(records.allSatisfy { $0.message.contains("[Microsoft][ODBC Driver 18 for SQL Server]") }, "\(records)")
    }
}
