import Foundation

/// One request line of `rex --serve` (docs/SERVE.md).
struct ServeRequest {
    enum Kind: Equatable {
        /// `{"id": …, "code": "…"}`: statements and commands to run; `keep_going` and
        /// `maxrows` are optional.
        case code(String, keepGoing: Bool?, maxRows: Int?)
        /// `{"id": …, "complete": "…", "cursor": N}`: completions at code point `cursor`
        /// (default: the end).
        case complete(String, cursor: Int?)
        /// `{"id": …, "is_complete": "…"}`: whether the text is whole statements.
        case isComplete(String)
        /// `{"id": …, "input": "…" | null}`: the answer to an `input_request`.
        case input(String?)
    }

    let id: ServeJSON
    let kind: Kind

    /// Parses a line; nil when it is not a JSON object with exactly one known request key.
    init?(line: String) {
        guard let parsed = ServeRequest.parse(line), case .success(let request) = parsed else { return nil }
        self = request
    }

    /// Parses a line: nil for a blank line, else the request or why it is not one (with its
    /// id when the line had one).
    static func parse(_ line: String) -> Result<ServeRequest, ServeRequestError>? {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            return .failure(ServeRequestError(id: .null, message: "a request is one JSON object per line"))
        }
        let id = ServeJSON(foundation: object["id"])
        let keys = ["code", "complete", "is_complete", "input"].filter { object[$0] != nil }
        guard keys.count == 1 else {
            return .failure(ServeRequestError(id: id, message: "a request has exactly one of \"code\", \"complete\", \"is_complete\" or \"input\""))
        }
        func int(_ key: String) -> Int? { (object[key] as? NSNumber).flatMap { Int(exactly: $0.doubleValue) } }
        switch keys[0] {
        case "code":
            guard let code = object["code"] as? String else { return .failure(ServeRequestError(id: id, message: "\"code\" must be a string")) }
            let keepGoing = (object["keep_going"] as? NSNumber).map(\.boolValue)
            return .success(ServeRequest(id: id, kind: .code(code, keepGoing: keepGoing, maxRows: int("maxrows"))))
        case "complete":
            guard let text = object["complete"] as? String else { return .failure(ServeRequestError(id: id, message: "\"complete\" must be a string")) }
            return .success(ServeRequest(id: id, kind: .complete(text, cursor: int("cursor"))))
        case "is_complete":
            guard let text = object["is_complete"] as? String else { return .failure(ServeRequestError(id: id, message: "\"is_complete\" must be a string")) }
            return .success(ServeRequest(id: id, kind: .isComplete(text)))
        default:
            return .success(ServeRequest(id: id, kind: .input(object["input"] as? String)))
        }
    }

    private init(id: ServeJSON, kind: Kind) {
        self.id = id
        self.kind = kind
    }
}

/// A request line that could not be understood.
struct ServeRequestError: Error {
    let id: ServeJSON
    let message: String
}
