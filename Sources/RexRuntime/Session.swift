import Foundation
import RexCompiler
import RexLanguage

/// Everything one rex session holds: connections, context, bindings, images, settings.
public final class Session {
    /// The compute context of SPEC §4.
    public enum Context: String, Sendable {
        case local, server
    }

    /// Where relational and analytic steps run now.
    public var context: Context = .local

    public init() {}
}
