// Fuzz executable for the PNG reader (PNGFuzzTarget.swift).
//
// Why this shape: real libFuzzer under AddressSanitizer, not a home-made random driver.
// SwiftPM on Linux gives every executable its own renamed `main`, which rules out libFuzzer's
// built-in `main` (it needs a program without one), so this program keeps its `main` and
// hands over to libFuzzer through LLVMFuzzerRunDriver (the CFuzzDriver shim):
// - `scripts/fuzz.sh` builds it with AddressSanitizer, coverage instrumentation,
//   `-DREX_LIBFUZZER` and libclang_rt.fuzzer_no_main (in its own scratch path): libFuzzer runs;
// - a plain `swift build` gets the same program without libFuzzer, which replays the files
//   or directories given as arguments: `.build/debug/FuzzPNG crash-…` reproduces a crash.
import RexFuzzSupport

@main
enum FuzzPNG {
    static func main() {
        fuzzMain(libFuzzer: { data, size in
            PNGFuzzTarget.run(fuzzBytes(data, size))
            return 0
        }, replay: PNGFuzzTarget.run)
    }
}
