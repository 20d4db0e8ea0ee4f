import CODBC
import Foundation
import RexData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
import MachO
#endif

// SQL Server's bulk-copy API (`bcp_*`) of Microsoft's ODBC driver, called from Swift.
//
// The functions are not ODBC: the driver manager (unixODBC) does not know them. They live in
// the driver's own library, which unixODBC has loaded for the connection, and they take the
// DRIVER's connection handle, not the driver manager's. So, per connection:
//   1. `SQLGetInfo(SQL_DRIVER_NAME)` names the driver's library file and
//      `SQLGetInfo(SQL_DRIVER_HDBC)` gives the driver's own HDBC (unixODBC answers both);
//   2. the library that is already loaded under that file name is opened again with
//      `RTLD_NOLOAD` (never a second copy: its bcp functions must share the driver's state);
//   3. `dlsym` finds each function, typed below as in msodbcsql.h.
// The connection must have asked for bulk copy before it connected (`SQL_COPT_SS_BCP`, see
// `Connection.connect`). Errors of `bcp_*` calls are records on the driver's HDBC, which the
// driver manager never sees: they are read with the driver's own `SQLGetDiagRecW`.

/// Values from Microsoft's msodbcsql.h.
enum BulkCopyC {
    /// `SUCCEED` (`FAIL` is 0) of the `RETCODE` functions.
    static let succeed: Int16 = 1
    /// `DB_IN`: copy from the program into the table.
    static let directionIn: Int32 = 1
    /// `SQL_NULL_DATA` as a `bcp_collen` length: the value is NULL.
    static let nullData: Int32 = -1
}

/// `eDataType` tokens of `bcp_bind` (msodbcsql.h): the C layout of the program's values.
enum BulkCopyHostType: Int32 {
    /// `SQLINT8`: `Int64`.
    case int8 = 0x7f
    /// `SQLFLT8`: `Double`.
    case float8 = 0x3e
    /// `SQLBIT`: one byte, 0 or 1.
    case bit = 0x32
    /// `SQLDATEN`: `SQL_DATE_STRUCT` (year Int16, month UInt16, day UInt16; 6 bytes).
    case date = 0x28
    /// `SQLDATETIME`: `DBDATETIME`, SQL Server's own `datetime` (TDS): Int32 days since
    /// 1900-01-01, then UInt32 ticks of 1/300 s since midnight (8 bytes). The value goes to the
    /// `datetime` column unconverted: rex rounds to ticks itself, as the server would.
    case datetime = 0x3d
    /// `SQLNCHAR`: UTF-16 code units, length in bytes (`nvarchar`, also `nvarchar(max)`).
    case nchar = 0xef
    /// `SQLVARBINARY`: bytes (`varbinary`, also `varbinary(max)`).
    case varbinary = 0x25
}

// The C signatures of msodbcsql.h. `RETCODE` is read as Int16 (what unixODBC's sqltypes.h
// says; where the driver returns a 32-bit int, SUCCEED/FAIL sit in the low half all the same);
// `DBINT` and `INT` are 32-bit; `HDBC` is the driver's handle; `LPCWSTR` is UTF-16.
typealias BCPInitW = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt16>?, UnsafePointer<UInt16>?,
                                     UnsafePointer<UInt16>?, Int32) -> Int16
typealias BCPBind = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, Int32, Int32, UnsafeRawPointer?,
                                    Int32, Int32, Int32) -> Int16
typealias BCPSendRow = @convention(c) (UnsafeMutableRawPointer?) -> Int16
/// `bcp_batch` and `bcp_done`: rows committed, -1 on failure.
typealias BCPCount = @convention(c) (UnsafeMutableRawPointer?) -> Int32
typealias BCPColLen = @convention(c) (UnsafeMutableRawPointer?, Int32, Int32) -> Int16
typealias BCPColPtr = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, Int32) -> Int16
typealias DriverGetDiagRecW = @convention(c) (Int16, UnsafeMutableRawPointer?, Int16, UnsafeMutablePointer<UInt16>?,
                                              UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<UInt16>?, Int16,
                                              UnsafeMutablePointer<Int16>?) -> Int16

/// Why the bulk-copy path cannot be used on a connection; the upload then uses parameter
/// arrays (nothing was written yet). Shown only with `:set echo on`.
public struct BulkCopyUnavailable: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { "bulk copy is not available: \(reason)" }
}

/// The bulk-copy functions of one loaded driver library. Holds the library open (a `dlopen`
/// reference, closed on deinit) so the function pointers stay valid while it lives.
public final class BulkCopyLibrary: @unchecked Sendable {
    /// The names this needs, as the driver exports them.
    public static let symbolNames = ["bcp_initW", "bcp_bind", "bcp_sendrow", "bcp_batch", "bcp_done",
                                     "bcp_collen", "bcp_colptr", "SQLGetDiagRecW"]

    private let handle: UnsafeMutableRawPointer
    /// The library file it was found in.
    public let path: String
    let initW: BCPInitW
    let bind: BCPBind
    let sendrow: BCPSendRow
    let batch: BCPCount
    let done: BCPCount
    let collen: BCPColLen
    let colptr: BCPColPtr
    let getDiagRecW: DriverGetDiagRecW

    /// Looks up every function in the library `handle` (from `dlopen`, which this now owns and
    /// closes, also when a function is missing).
    init(handle: UnsafeMutableRawPointer, path: String) throws {
        func function<T>(_ name: String, as type: T.Type) throws -> T {
            guard let symbol = dlsym(handle, name) else {
                throw BulkCopyUnavailable(reason: "\((path as NSString).lastPathComponent) has no function \(name)")
            }
            return unsafeBitCast(symbol, to: type)
        }
        do {
            initW = try function("bcp_initW", as: BCPInitW.self)
            bind = try function("bcp_bind", as: BCPBind.self)
            sendrow = try function("bcp_sendrow", as: BCPSendRow.self)
            batch = try function("bcp_batch", as: BCPCount.self)
            done = try function("bcp_done", as: BCPCount.self)
            collen = try function("bcp_collen", as: BCPColLen.self)
            colptr = try function("bcp_colptr", as: BCPColPtr.self)
            getDiagRecW = try function("SQLGetDiagRecW", as: DriverGetDiagRecW.self)
        } catch {
            dlclose(handle)
            throw error
        }
        self.handle = handle
        self.path = path
    }

    /// The diagnostic records of the driver connection handle `driverHandle`, read with the
    /// driver's own `SQLGetDiagRecW` (the driver manager never sees what `bcp_*` calls post).
    func diagnostics(of driverHandle: UnsafeMutableRawPointer) -> [ODBCDiagnostic] {
        var records: [ODBCDiagnostic] = []
        for number in Int16(1)...Int16(64) {
            var state = [UInt16](repeating: 0, count: 6)
            var native: Int32 = 0
            var length: Int16 = 0
            var message = [UInt16](repeating: 0, count: 4096)
            var code = getDiagRecW(Int16(SQL_HANDLE_DBC), driverHandle, number, &state, &native, &message,
                                           Int16(message.count), &length)
            if code == Int16(SQL_SUCCESS_WITH_INFO), Int(length) >= message.count {
                message = [UInt16](repeating: 0, count: Int(length) + 1)
                code = getDiagRecW(Int16(SQL_HANDLE_DBC), driverHandle, number, &state, &native, &message,
                                           Int16(clamping: message.count), &length)
            }
            guard code == Int16(SQL_SUCCESS) || code == Int16(SQL_SUCCESS_WITH_INFO) else { break }
            records.append(ODBCDiagnostic(sqlState: String(decodingWide: state, count: 5), nativeError: native,
                                          message: String(decodingWide: message)))
        }
        return records
    }

    deinit { dlclose(handle) }

    /// The functions of the library loaded from the file `path` (tests: the registered driver
    /// file, loaded here if it is not yet).
    public static func open(path: String) throws -> BulkCopyLibrary {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw BulkCopyUnavailable(reason: "cannot load \(path): \(dlerrorText())")
        }
        return try BulkCopyLibrary(handle: handle, path: path)
    }

    /// The functions of the driver library already loaded in this process that is one of
    /// `files`: paths (any path to the loaded file will do: the loader knows files by device
    /// and inode) or file names, looked up among the loaded libraries' paths. Never loads a
    /// library: `RTLD_NOLOAD` only adds a reference to the loaded one.
    public static func loaded(fromAnyOf files: [String]) throws -> BulkCopyLibrary {
        var candidates: [String] = []
        var loaded: [String]?
        for file in files where !file.isEmpty {
            if file.contains("/") {
                candidates.append(file)
            } else {
                // A file name: a loaded library of that name, or that name (a symbolic link to
                // a loaded library, say) in the directory of one.
                let paths = loaded ?? loadedLibraryPaths()
                loaded = paths
                candidates += paths.filter { ($0 as NSString).lastPathComponent == file }
                var directories = Set<String>()
                for path in paths {
                    let directory = (path as NSString).deletingLastPathComponent
                    let candidate = directory + "/" + file
                    if directories.insert(directory).inserted, FileManager.default.fileExists(atPath: candidate) {
                        candidates.append(candidate)
                    }
                }
                candidates.append(file)
            }
        }
        for path in candidates {
            if let handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD) {
                return try BulkCopyLibrary(handle: handle, path: path)
            }
        }
        throw BulkCopyUnavailable(reason: "no loaded library is \(files.filter { !$0.isEmpty }.joined(separator: " or "))")
    }

    /// `loaded(fromAnyOf: [driverName])`.
    public static func loaded(named driverName: String) throws -> BulkCopyLibrary {
        try loaded(fromAnyOf: [driverName])
    }

    /// The library file odbcinst.ini registers for the driver `name` (`Driver=` among the
    /// attributes `SQLDrivers` lists), from the driver manager.
    public static func registeredDriverFile(_ name: String) -> String? {
        guard let env = ODBCEnvironment.shared.handle else { return nil }
        var direction = SQLUSMALLINT(SQL_FETCH_FIRST)
        while true {
            var description = [SQLWCHAR](repeating: 0, count: 512), attributes = [SQLWCHAR](repeating: 0, count: 8192)
            var descriptionLength: SQLSMALLINT = 0, attributesLength: SQLSMALLINT = 0
            let code = SQLDriversW(env, direction, &description, SQLSMALLINT(description.count), &descriptionLength,
                                   &attributes, SQLSMALLINT(attributes.count), &attributesLength)
            guard code == SQL_SUCCESS || code == SQL_SUCCESS_WITH_INFO else { return nil }
            direction = SQLUSMALLINT(SQL_FETCH_NEXT)
            guard String(decodingWide: description).caseInsensitiveCompare(name) == .orderedSame else { continue }
            // "Key=Value\0Key=Value\0\0"
            let pairs = attributes.prefix(max(0, Int(attributesLength))).split(separator: 0).map { String(decoding: $0, as: UTF16.self) }
            return pairs.first { $0.lowercased().hasPrefix("driver=") }.map { String($0.dropFirst("driver=".count)) }
        }
    }

    /// The driver (its odbcinst.ini name) of the data source `dsn` (`SQLDataSources`).
    static func driverOfDataSource(_ dsn: String) -> String? {
        guard let env = ODBCEnvironment.shared.handle else { return nil }
        var direction = SQLUSMALLINT(SQL_FETCH_FIRST)
        while true {
            var name = [SQLWCHAR](repeating: 0, count: 512), driver = [SQLWCHAR](repeating: 0, count: 512)
            var nameLength: SQLSMALLINT = 0, driverLength: SQLSMALLINT = 0
            let code = SQLDataSourcesW(env, direction, &name, SQLSMALLINT(name.count), &nameLength,
                                       &driver, SQLSMALLINT(driver.count), &driverLength)
            guard code == SQL_SUCCESS || code == SQL_SUCCESS_WITH_INFO else { return nil }
            direction = SQLUSMALLINT(SQL_FETCH_NEXT)
            if String(decodingWide: name).caseInsensitiveCompare(dsn) == .orderedSame { return String(decodingWide: driver) }
        }
    }

    /// Paths of the shared libraries loaded in this process.
    public static func loadedLibraryPaths() -> [String] {
        #if os(Linux)
        // The file-backed mappings of /proc/self/maps: "address perms offset dev inode path".
        // Read to the end with read(2): the file reports size 0, and a reader that trusts the
        // size or stops after one read gets only the first page (seen: 6 of ~150 libraries).
        let fd = Glibc.open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        let maps = String(decoding: bytes, as: UTF8.self)
        var paths: [String] = []
        var seen = Set<String>()
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            if seen.insert(path).inserted { paths.append(path) }
        }
        return paths
        #elseif canImport(Darwin)
        return (0..<_dyld_image_count()).compactMap { index in _dyld_get_image_name(index).map { String(cString: $0) } }
        #else
        return []
        #endif
    }
}

private func dlerrorText() -> String {
    dlerror().map { String(cString: $0) } ?? "unknown error"
}

extension Connection {
    /// True when the connection asked for bulk copy before connecting (`SQL_COPT_SS_BCP` is
    /// `SQL_BCP_ON`); false when it did not, or the driver does not know the attribute.
    var requestedBulkCopy: Bool {
        var value: SQLULEN = 0
        let code = SQLGetConnectAttrW(handle, Connection.copyOptionBulkCopy, &value, SQLINTEGER(SQL_IS_UINTEGER), nil)
        return succeeded(code) && value == SQLULEN(Connection.bulkCopyOn)
    }

    /// The driver's own connection handle (`SQLGetInfo(SQL_DRIVER_HDBC)`, answered by unixODBC).
    static func driverHandle(of dbc: SQLHDBC) throws -> UnsafeMutableRawPointer {
        var value: SQLULEN = 0
        let code = SQLGetInfoW(dbc, SQLUSMALLINT(SQL_DRIVER_HDBC), &value, SQLSMALLINT(MemoryLayout<SQLULEN>.size), nil)
        guard succeeded(code) else {
            throw ODBCError(function: "SQLGetInfo(SQL_DRIVER_HDBC)",
                            diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: dbc))
        }
        guard let driverHandle = UnsafeMutableRawPointer(bitPattern: UInt(value)) else {
            throw BulkCopyUnavailable(reason: "the driver manager gives no driver connection handle")
        }
        return driverHandle
    }

    /// The driver library and the driver's connection handle of the connection `dbc`, made
    /// from `connectionString`. The library is the loaded one that is either the file
    /// `SQL_DRIVER_NAME` names (Microsoft's driver reports its file name; sqliteodbc, for one,
    /// does not) or the file registered for the connection's driver (its `Driver` key, a path
    /// or an odbcinst.ini name, or its data source's driver).
    static func bulkCopyFunctions(of dbc: SQLHDBC, connectionString: ConnectionString) throws
        -> (library: BulkCopyLibrary, driverHandle: UnsafeMutableRawPointer) {
        let driverHandle = try Connection.driverHandle(of: dbc)
        var files = [try stringInfo(dbc, Int32(SQL_DRIVER_NAME))]
        if let driver = connectionString["Driver"] ?? connectionString["DSN"].flatMap(BulkCopyLibrary.driverOfDataSource) {
            let name = driver.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
            if name.contains("/") {
                files.append(name)
            } else if let registered = BulkCopyLibrary.registeredDriverFile(name) {
                files.append(registered)
            }
        }
        return (try BulkCopyLibrary.loaded(fromAnyOf: files), driverHandle)
    }

    /// Starts a bulk copy into the table `quotedTable` (quoted for T-SQL; its columns, in
    /// order, have the types `types`) when this connection offers the API: Microsoft's driver,
    /// asked for bulk copy before connecting, outside a transaction (bulk-copy batches commit
    /// on their own). Otherwise, or when `bcp_initW` or a binding fails, `.failure` says why and
    /// nothing was sent: the caller uses `insert` instead. `displayName` names the upload's
    /// target in error messages.
    public func openBulkCopy(into quotedTable: String, types: [DataType], displayName: String) -> Result<BulkCopy, BulkCopyUnavailable> {
        do {
            let (library, driverHandle) = try bulkCopyFunctions()
            return .success(try BulkCopy(connection: self, library: library, driverHandle: driverHandle,
                                         quotedTable: quotedTable, types: types, displayName: displayName))
        } catch let error as BulkCopyUnavailable {
            return .failure(error)
        } catch {
            return .failure(BulkCopyUnavailable(reason: "\(error)"))
        }
    }

    /// Why `openBulkCopy` cannot work on this connection now, or nil when it may: checks all
    /// but `bcp_initW` (which needs the table), without touching the server.
    public func bulkCopyUnavailable() -> BulkCopyUnavailable? {
        do {
            _ = try bulkCopyFunctions()
            return nil
        } catch let error as BulkCopyUnavailable {
            return error
        } catch {
            return BulkCopyUnavailable(reason: "\(error)")
        }
    }

    private func bulkCopyFunctions() throws -> (library: BulkCopyLibrary, driverHandle: UnsafeMutableRawPointer) {
        guard serverKind == .sqlServer else { throw BulkCopyUnavailable(reason: "the server is \(serverKind)") }
        guard !isInTransaction else { throw BulkCopyUnavailable(reason: "a transaction is open") }
        guard requestedBulkCopy else {
            throw BulkCopyUnavailable(reason: "the connection did not ask for bulk copy (SQL_COPT_SS_BCP) before connecting")
        }
        return try Connection.bulkCopyFunctions(of: handle, connectionString: connectionString)
    }
}

// MARK: - One bulk copy

/// A value that SQL Server's column type cannot hold, found before its rows are sent.
public struct ValueOutOfRange: Error, Sendable, CustomStringConvertible {
    public let column: String
    /// 1-based, in the uploaded rows' order.
    public let row: Int
    public let value: String
    public let why: String

    public var description: String {
        "\(why): column '\(column)', row \(row) is \(value); nothing was written"
            + "\n  = help: filter or convert such values before uploading them"
    }
}

/// One bulk copy (`bcp_initW` … `bcp_done`) into one table on one connection, on the
/// driver's own HDBC. Feed it tables with `send` (any number: a streamed file comes in parts),
/// then `finish`. Each ~100,000 rows are one `bcp_batch`, which commits them: load a table
/// no one else sees (a staging table) and move its rows in one transaction afterwards.
///
/// Memory the driver reads after the call that hands it over is owned by this object:
/// - `rowSlot` holds the current row's fixed-width values: given to `bcp_bind`, read by every
///   `bcp_sendrow`; freed in deinit, after `bcp_done`.
/// - `placeholder` is what text and bytes columns are bound to before their first row; freed in
///   deinit, after `bcp_done`.
/// - `chunk` holds the text and bytes of the rows being sent: `bcp_colptr` points the driver at
///   a row's value and `bcp_sendrow` reads it; the chunk is replaced only after `bcp_batch` has
///   committed its rows, and released after `bcp_done`.
/// Every such read happens inside a method of this object, so the object (and what it owns) is
/// alive then whatever the optimizer does with the caller's variables.
public final class BulkCopy {
    /// Rows per `bcp_batch`.
    public static let rowsPerBatch = 100_000
    /// At most this many bytes of text and bytes per batch (UTF-16 counted).
    static let batchByteBudget = 32 << 20

    /// Kept so that the connection, and with it the driver's HDBC, lives as long as this.
    private let connection: Connection
    private let library: BulkCopyLibrary
    private let driverHandle: UnsafeMutableRawPointer
    private let types: [DataType]
    private let displayName: String
    /// Per column: byte offset of its value in `rowSlot` (fixed-width types) and its width.
    private let slotOffsets: [Int]
    private let widths: [Int]
    private let rowSlot: UnsafeMutableRawPointer
    private let placeholder: UnsafeMutableRawPointer
    private var chunk: BulkCopyChunk?
    /// Whether each fixed-width column's length is set to NULL now (`bcp_collen`).
    private var nullNow: [Bool]
    private var isOpen = true
    /// Rows sent (`bcp_sendrow`) and committed (`bcp_batch`) so far.
    public private(set) var rowsSent = 0
    public private(set) var rowsCommitted = 0

    /// `bcp_initW` for `quotedTable` and one `bcp_bind` per column.
    /// Throws `BulkCopyUnavailable` when any of them fails (after `bcp_done` if `bcp_initW`
    /// succeeded): nothing has been sent then.
    init(connection: Connection, library: BulkCopyLibrary, driverHandle: UnsafeMutableRawPointer,
         quotedTable: String, types: [DataType], displayName: String) throws {
        self.connection = connection
        self.library = library
        self.driverHandle = driverHandle
        self.types = types
        self.displayName = displayName
        var offsets: [Int] = [], widths: [Int] = []
        var slotSize = 0
        for type in types {
            let width = BulkCopy.fixedWidth(type)
            offsets.append(slotSize)
            widths.append(width)
            slotSize += (width + 7) / 8 * 8
        }
        slotOffsets = offsets
        self.widths = widths
        rowSlot = .allocate(byteCount: max(8, slotSize), alignment: 8)
        rowSlot.initializeMemory(as: UInt8.self, repeating: 0, count: max(8, slotSize))
        placeholder = .allocate(byteCount: 8, alignment: 8)
        placeholder.initializeMemory(as: UInt8.self, repeating: 0, count: 8)
        nullNow = Array(repeating: false, count: types.count)

        let table = Array(quotedTable.utf16) + [0]
        let started = table.withUnsafeBufferPointer { library.initW(driverHandle, $0.baseAddress, nil, nil, BulkCopyC.directionIn) }
        guard started == BulkCopyC.succeed else {
            isOpen = false
            throw BulkCopyUnavailable(reason: "bcp_initW failed: " + describe(driverDiagnostics()))
        }
        // No bcp_control: its settings (BCPHINTS, BCPBATCH, …) have no effect on rows sent with
        // bcp_sendrow (Microsoft's bcp_control documentation); batches are bcp_batch calls.
        for (index, type) in types.enumerated() {
            let ordinal = Int32(index + 1)
            let host = BulkCopy.hostType(type)
            let bound: Int16
            if widths[index] > 0 {
                // Fixed width: the value is read from its place in rowSlot at every bcp_sendrow.
                bound = library.bind(driverHandle, rowSlot + slotOffsets[index], 0, Int32(widths[index]), nil, 0, host.rawValue, ordinal)
            } else {
                // Text and bytes: bcp_colptr and bcp_collen set each row's address and length.
                bound = library.bind(driverHandle, placeholder, 0, 0, nil, 0, host.rawValue, ordinal)
            }
            guard bound == BulkCopyC.succeed else {
                let records = driverDiagnostics()
                abandon()
                throw BulkCopyUnavailable(reason: "bcp_bind of column \(index + 1) (\(type)) failed: " + describe(records))
            }
        }
    }

    deinit {
        abandon()
        rowSlot.deallocate()
        placeholder.deallocate()
    }

    /// Bytes of a fixed-width value of `type` as bound (0 for text and bytes).
    static func fixedWidth(_ type: DataType) -> Int {
        switch type {
        case .int, .float: return 8
        case .bool: return 1
        case .date: return 6
        case .datetime: return 8
        case .text, .bytes: return 0
        }
    }

    static func hostType(_ type: DataType) -> BulkCopyHostType {
        switch type {
        case .int: return .int8
        case .float: return .float8
        case .bool: return .bit
        case .date: return .date
        case .datetime: return .datetime
        case .text: return .nchar
        case .bytes: return .varbinary
        }
    }

    /// Sends every row of `table` (columns in the bound order and types), one `bcp_batch` per
    /// `rowsPerBatch` rows, and returns the number of rows. `checkpoint` runs before each batch
    /// and every few thousand rows and may throw to stop (Ctrl-C). `part` places these rows in
    /// the whole upload for error messages. Values SQL Server cannot hold throw
    /// `ValueOutOfRange` before any row of `table` is sent.
    @discardableResult
    public func send(_ table: Table, part: UploadPart? = nil, checkpoint: () throws -> Void = {}) throws -> Int {
        let part = part ?? UploadPart(rowsBefore: rowsSent, totalRows: table.rowCount)
        guard isOpen, table.columns.map(\.type) == types else {
            throw ODBCError(function: "bcp_sendrow", diagnostics: [ODBCDiagnostic(
                sqlState: "HY010", nativeError: 0,
                message: isOpen ? "the rows' column types \(table.columns.map(\.type)) are not the bound \(types)" : "the bulk copy has ended")],
                context: part.describe(0..<table.rowCount, into: displayName))
        }
        try BulkCopy.checkRanges(table, rowsBefore: part.rowsBefore)
        var start = 0
        while start < table.rowCount {
            try checkpoint()
            let end = batchEnd(table, from: start)
            let chunk = BulkCopyChunk(table, rows: start..<end, widths: widths)
            // Owned here until the next chunk replaces it: bcp_sendrow reads its values.
            self.chunk = chunk
            try sendRows(of: chunk, part: part, offset: start, checkpoint: checkpoint)
            let saved = library.batch(driverHandle)
            if saved < 0 {
                throw failure("bcp_batch", part: part, rows: start..<end)
            }
            rowsCommitted += Int(saved)
            guard rowsCommitted == rowsSent else {
                throw ODBCError(function: "bcp_batch", diagnostics: [ODBCDiagnostic(
                    sqlState: "HY000", nativeError: 0,
                    message: "the server saved \(rowsCommitted) of the \(rowsSent) rows sent so far")],
                    context: part.describe(start..<end, into: displayName))
            }
            // bcp_batch has committed the rows: the driver reads this chunk no more.
            self.chunk = nil
            start = end
        }
        return table.rowCount
    }

    /// `bcp_sendrow` for each row of `chunk`, after pointing the driver at its values.
    private func sendRows(of chunk: BulkCopyChunk, part: UploadPart, offset: Int, checkpoint: () throws -> Void) throws {
        let handle = driverHandle
        let collen = library.collen, colptr = library.colptr, sendrow = library.sendrow
        let succeed = BulkCopyC.succeed
        // Plain pointers into what `chunk` owns (kept alive by self.chunk and by the argument).
        let count = chunk.columns.count
        let columnWidths = chunk.columns.map(\.width), data = chunk.columns.map(\.data)
        let offsets = chunk.columns.map(\.offsets), nulls = chunk.columns.map(\.nulls)
        let slots = slotOffsets.map { rowSlot + $0 }
        for row in 0..<chunk.rows {
            if row & 4095 == 4095 { try checkpoint() }
            for index in 0..<count {
                let width = columnWidths[index]
                let ordinal = Int32(index + 1)
                var ok = true
                if nulls[index][row] {
                    if width == 0 || !nullNow[index] {
                        ok = collen(handle, BulkCopyC.nullData, ordinal) == succeed
                        nullNow[index] = true
                    }
                } else if width > 0 {
                    // Read by bcp_sendrow from rowSlot (bound by bcp_bind).
                    slots[index].copyMemory(from: data[index] + row * width, byteCount: width)
                    if nullNow[index] {
                        ok = collen(handle, Int32(width), ordinal) == succeed
                        nullNow[index] = false
                    }
                } else {
                    // Read by bcp_sendrow from the chunk, which self owns until bcp_batch returns.
                    // A length of 0 is an empty value, not NULL (bcp_bind: "If cbData is 0 or a
                    // positive value, the system uses cbData as the data length").
                    let start = offsets[index][row], length = offsets[index][row + 1] - start
                    ok = colptr(handle, data[index] + start, ordinal) == succeed
                        && collen(handle, Int32(length), ordinal) == succeed
                }
                if !ok { throw failure("bcp_colptr/bcp_collen", part: part, rows: (offset + row)..<(offset + row + 1)) }
            }
            guard sendrow(handle) == succeed else {
                throw failure("bcp_sendrow", part: part, rows: (offset + row)..<(offset + row + 1))
            }
            rowsSent += 1
        }
        withExtendedLifetime(chunk) {}
    }

    /// `bcp_done`: ends the copy and commits the last rows. Returns every row committed.
    @discardableResult
    public func finish() throws -> Int {
        guard isOpen else { return rowsCommitted }
        isOpen = false
        let saved = library.done(driverHandle)
        chunk = nil
        if saved < 0 {
            throw ODBCError(function: "bcp_done", diagnostics: driverDiagnostics(), context: "finishing the bulk copy into \(displayName)")
        }
        rowsCommitted += Int(saved)
        guard rowsCommitted == rowsSent else {
            throw ODBCError(function: "bcp_done", diagnostics: [ODBCDiagnostic(
                sqlState: "HY000", nativeError: 0, message: "the server saved \(rowsCommitted) of the \(rowsSent) rows sent")],
                context: "finishing the bulk copy into \(displayName)")
        }
        return rowsCommitted
    }

    /// Ends the copy after an error (`bcp_done`, its outcome ignored), so that the connection
    /// runs ordinary statements again (the caller then drops the table it loaded).
    public func abandon() {
        guard isOpen else { return }
        isOpen = false
        _ = library.done(driverHandle)
        chunk = nil
    }

    /// Where the batch starting at `start` ends: at most `rowsPerBatch` rows and about
    /// `batchByteBudget` bytes of text and bytes.
    private func batchEnd(_ table: Table, from start: Int) -> Int {
        let variable = table.columns.compactMap { column -> VarBuffer? in
            switch column.storage {
            case .text(let buffer), .bytes(let buffer): return buffer
            default: return nil
            }
        }
        let limit = min(table.rowCount, start + BulkCopy.rowsPerBatch)
        guard !variable.isEmpty else { return limit }
        var end = start, bytes = 0
        while end < limit {
            var row = 0
            for buffer in variable { row += (buffer.offsets[end + 1] - buffer.offsets[end]) * 2 }
            if end > start, bytes + row > BulkCopy.batchByteBudget { break }
            bytes += row
            end += 1
        }
        return end
    }

    /// Throws for the first value the target's column type cannot hold: a datetime outside
    /// SQL Server `datetime`'s 1753-01-01 … 9999-12-31 (after rounding to 1/300 s), a date
    /// outside 0001 … 9999, an infinite float, text or bytes over 2 GB.
    static func checkRanges(_ table: Table, rowsBefore: Int) throws {
        for (field, column) in zip(table.schema.fields, table.columns) {
            func fail(_ row: Int, _ value: String, _ why: String) -> ValueOutOfRange {
                ValueOutOfRange(column: field.name, row: rowsBefore + row + 1, value: value, why: why)
            }
            switch column.storage {
            case .datetime(let values):
                for (row, micros) in values.enumerated() where column.validity[row] && DBDateTime(micros) == nil {
                    throw fail(row, CivilDate.isoDateTime(microsecondsSinceEpoch: micros),
                               "SQL Server's datetime holds 1753-01-01T00:00:00 to 9999-12-31T23:59:59.997")
                }
            case .date(let values):
                for (row, days) in values.enumerated() where column.validity[row] {
                    let date = CivilDate(daysSinceEpoch: Int64(days))
                    if !(1...9999).contains(date.year) {
                        throw fail(row, "a date in year \(date.year)", "SQL Server's date holds 0001-01-01 to 9999-12-31")
                    }
                }
            case .float(let values):
                for (row, value) in values.enumerated() where column.validity[row] && value.isInfinite {
                    throw fail(row, value < 0 ? "-infinity" : "infinity", "SQL Server's float holds no infinity")
                }
            case .text(let buffer), .bytes(let buffer):
                // bcp_collen takes a 32-bit length; text goes as UTF-16, at most 2 bytes per UTF-8 byte.
                let factor = column.type == .text ? 2 : 1
                for row in 0..<buffer.count where (buffer.offsets[row + 1] - buffer.offsets[row]) * factor > Int(Int32.max) {
                    throw fail(row, "\(buffer.offsets[row + 1] - buffer.offsets[row]) bytes long", "a bulk-copied value holds at most 2 GB")
                }
            case .int, .bool:
                break
            }
        }
    }

    /// An `ODBCError` for a failed `bcp_*` call with the driver's records.
    private func failure(_ function: String, part: UploadPart, rows: Range<Int>) -> ODBCError {
        var records = driverDiagnostics()
        if records.isEmpty {
            records = [ODBCDiagnostic(sqlState: "HY000", nativeError: 0, message: "\(function) failed and the driver gave no reason")]
        }
        return ODBCError(function: function, diagnostics: records, context: part.describe(rows, into: displayName))
    }

    /// The diagnostic records of the driver's HDBC.
    func driverDiagnostics() -> [ODBCDiagnostic] {
        library.diagnostics(of: driverHandle)
    }

    private func describe(_ records: [ODBCDiagnostic]) -> String {
        records.isEmpty ? "no diagnostic record" : records.map(\.description).joined(separator: "; ")
    }
}

/// SQL Server's `datetime` value (`DBDATETIME`): days since 1900-01-01 and ticks of 1/300 s
/// since midnight. rex datetimes go to `datetime` columns (SPEC §2) as the parameter path
/// sends them: cut to whole milliseconds, which the server then rounds to the nearest tick
/// (.000, .003, .007: `ticks = (ms × 3 + 5) / 10`, the rounding SQL Server documents for
/// `datetime`; .999 becomes the next second, and 23:59:59.999 the next day).
struct DBDateTime: Equatable {
    var days: Int32
    var ticks: UInt32

    /// Days from 1900-01-01 to 1970-01-01.
    static let epochDays: Int64 = 25_567
    static let ticksPerDay: Int64 = 300 * 86_400
    /// 1753-01-01 and 9999-12-31 in days since 1900-01-01: `datetime`'s range.
    static let firstDay: Int64 = -53_690
    static let lastDay: Int64 = 2_958_463

    init(days: Int32, ticks: UInt32) {
        self.days = days
        self.ticks = ticks
    }

    /// nil outside `datetime`'s range.
    init?(_ microsecondsSinceEpoch: Int64) {
        let (day, second, microsecond) = CivilDate.split(microsecondsSinceEpoch: microsecondsSinceEpoch)
        let milliseconds = second * 1000 + microsecond / 1000
        var ticks = (milliseconds * 3 + 5) / 10
        var days = day + DBDateTime.epochDays
        if ticks >= DBDateTime.ticksPerDay { ticks -= DBDateTime.ticksPerDay; days += 1 }
        guard (DBDateTime.firstDay...DBDateTime.lastDay).contains(days) else { return nil }
        self.days = Int32(days)
        self.ticks = UInt32(ticks)
    }
}

/// The rows of one batch in the layout `bcp_sendrow` reads: per column a value area (fixed
/// width, or UTF-16 text / bytes back to back with `count + 1` byte offsets) and a NULL flag
/// per row. Owned by the `BulkCopy` while the driver may read it.
final class BulkCopyChunk {
    final class ColumnData {
        /// Bytes per value; 0 for text and bytes.
        let width: Int
        let data: UnsafeMutableRawPointer
        /// Text and bytes: value `i` spans `offsets[i]..<offsets[i + 1]` bytes of `data`.
        let offsets: UnsafeMutablePointer<Int>
        let nulls: UnsafeMutablePointer<Bool>

        init(width: Int, dataBytes: Int, rows: Int) {
            self.width = width
            data = .allocate(byteCount: max(8, dataBytes), alignment: 8)
            offsets = .allocate(capacity: rows + 1)
            offsets.initialize(repeating: 0, count: rows + 1)
            nulls = .allocate(capacity: max(1, rows))
            nulls.initialize(repeating: false, count: max(1, rows))
        }

        deinit {
            data.deallocate()
            offsets.deallocate()
            nulls.deallocate()
        }
    }

    let rows: Int
    let columns: [ColumnData]

    /// `widths`: `BulkCopy.fixedWidth` of each column. Values were range-checked
    /// (`BulkCopy.checkRanges`); a datetime that still fails is sent as NULL, never garbage.
    init(_ table: Table, rows range: Range<Int>, widths: [Int]) {
        let rows = range.count
        self.rows = rows
        let first = range.lowerBound
        var columns: [ColumnData] = []
        for (index, column) in table.columns.enumerated() {
            let width = widths[index]
            switch column.storage {
            case .text(let buffer):
                let byteCount = buffer.offsets[range.upperBound] - buffer.offsets[first]
                // At most one UTF-16 unit (two bytes) per UTF-8 byte.
                let data = ColumnData(width: 0, dataBytes: byteCount * 2, rows: rows)
                let units = data.data.bindMemory(to: UInt16.self, capacity: max(4, byteCount))
                var written = 0
                buffer.bytes.withUnsafeBufferPointer { all in
                    for row in 0..<rows {
                        let source = UnsafeBufferPointer(rebasing: all[buffer.offsets[first + row]..<buffer.offsets[first + row + 1]])
                        data.offsets[row] = written * 2
                        written += transcodeUTF8ToUTF16(source, into: units + written)
                        data.nulls[row] = !column.validity[first + row]
                    }
                }
                data.offsets[rows] = written * 2
                columns.append(data)
            case .bytes(let buffer):
                let base = buffer.offsets[first]
                let byteCount = buffer.offsets[range.upperBound] - base
                let data = ColumnData(width: 0, dataBytes: byteCount, rows: rows)
                buffer.bytes.withUnsafeBytes { all in
                    if byteCount > 0, let source = all.baseAddress { data.data.copyMemory(from: source + base, byteCount: byteCount) }
                }
                for row in 0...rows { data.offsets[row] = buffer.offsets[first + row] - base }
                for row in 0..<rows { data.nulls[row] = !column.validity[first + row] }
                columns.append(data)
            default:
                let data = ColumnData(width: width, dataBytes: width * rows, rows: rows)
                for row in 0..<rows {
                    let source = first + row
                    let cell = data.data + row * width
                    var valid = column.validity[source]
                    if case .datetime(let values) = column.storage {
                        if let value = DBDateTime(values[source]) {
                            cell.storeBytes(of: value.days, as: Int32.self)
                            (cell + 4).storeBytes(of: value.ticks, as: UInt32.self)
                        } else {
                            valid = false
                        }
                    } else {
                        valid = storeFixedWidthCell(of: column, row: source, at: cell)
                    }
                    data.nulls[row] = !valid
                }
                columns.append(data)
            }
        }
        self.columns = columns
    }
}
