#ifndef REX_FUZZ_DRIVER_H
#define REX_FUZZ_DRIVER_H
// Hands a fuzz target to libFuzzer when the build links it (scripts/fuzz.sh compiles this
// file with -DREX_LIBFUZZER and links libclang_rt.fuzzer_no_main); otherwise says so, and
// the caller replays saved inputs instead. A C function because libFuzzer's entry point,
// LLVMFuzzerRunDriver, is C; the switch is here so the Swift side needs no #if.
#include <stddef.h>
#include <stdint.h>

/// What rex_fuzz_run returns in a build without libFuzzer.
#define REX_FUZZ_NOT_BUILT (-1000)

typedef int (*rex_fuzz_callback)(const uint8_t *data, size_t size);

/// Runs libFuzzer with the process's arguments on `callback` and returns its exit status,
/// or REX_FUZZ_NOT_BUILT.
int rex_fuzz_run(int *argc, char ***argv, rex_fuzz_callback callback);

#endif
