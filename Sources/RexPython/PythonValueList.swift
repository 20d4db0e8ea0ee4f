import CPython
import Foundation
import RexData

/// The Python list of a text or bytes column: `str` (decoded from UTF-8, invalid bytes
/// replaced) or `bytes` per value, None for null. One C call per distinct value nearby:
/// equal short values share one object (immutable, so nothing can tell), as pandas'
/// `read_csv` does, which saves the allocation and decoding of each repeat (a column of
/// weekday names makes 7 objects, not one per row) and lets pandas hash each once.
enum PythonValueList {
    /// Values up to this many bytes go through the cache; longer ones rarely repeat.
    private static let cachedLength = 64
    /// Slots of the direct-mapped cache (a power of two).
    private static let slots = 4096

    /// Runs on the Python thread with the GIL held.
    static func make(_ buffer: VarBuffer, validity: [Bool], text: Bool) throws -> PyRef {
        let list = try PyRef.check(PyList_New(buffer.count))
        // Each slot: where its value's bytes start and end in `buffer.bytes`, and the object
        // made for it. The object is borrowed from `list`, which holds it from the moment it
        // is stored until after this function returns (items are only ever added).
        var cacheStarts = [Int](repeating: -1, count: slots)
        var cacheEnds = [Int](repeating: 0, count: slots)
        var cacheObjects = [UnsafeMutablePointer<PyObject>?](repeating: nil, count: slots)
        // The buffers are pinned by the closures below for every C read of them.
        try buffer.bytes.withUnsafeBufferPointer { bytes in
            try buffer.offsets.withUnsafeBufferPointer { offsets in
                try validity.withUnsafeBufferPointer { validity in
                    for index in 0..<offsets.count - 1 {
                        guard validity[index] else {
                            Py_IncRef(pyNone)
                            PyList_SetItem(list.pointer, index, pyNone)  // steals the new reference
                            continue
                        }
                        let start = offsets[index], end = offsets[index + 1]
                        var slot = -1
                        if end - start <= cachedLength {
                            slot = hash(bytes, start, end) & (slots - 1)
                            if let object = cacheObjects[slot], same(bytes, cacheStarts[slot], cacheEnds[slot], start, end) {
                                Py_IncRef(object)
                                PyList_SetItem(list.pointer, index, object)  // steals the new reference
                                continue
                            }
                        }
                        let pointer = bytes.baseAddress.map { UnsafeRawPointer($0 + start).assumingMemoryBound(to: CChar.self) }
                        let item = text ? PyUnicode_DecodeUTF8(pointer, end - start, "replace")
                                        : PyBytes_FromStringAndSize(pointer, end - start)
                        guard let item else { throw takePythonError() }
                        PyList_SetItem(list.pointer, index, item)  // steals the new reference
                        if slot >= 0 {
                            cacheStarts[slot] = start
                            cacheEnds[slot] = end
                            cacheObjects[slot] = item
                        }
                    }
                }
            }
        }
        return list
    }

    /// FNV-1a of `bytes[start..<end]`.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in start..<end { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    private static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ otherStart: Int, _ otherEnd: Int) -> Bool {
        guard end - start == otherEnd - otherStart else { return false }
        guard let base = bytes.baseAddress else { return true }  // no bytes: both empty
        return memcmp(base + start, base + otherStart, end - start) == 0
    }
}
