#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The client's local wall-clock time in whole seconds since 1970-01-01T00:00:00 (the
/// local time zone's offset added): what `today()` and `now()` are taken from (SPEC §2).
@Sendable func localClockSeconds() -> Int64 {
    var seconds = time(nil)
    var parts = tm()
    localtime_r(&seconds, &parts)
    return Int64(seconds) + Int64(parts.tm_gmtoff)
}
