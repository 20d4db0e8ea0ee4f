#include "rex_fuzz_driver.h"

#ifdef REX_LIBFUZZER
// libFuzzer's documented entry point for programs with their own main (LLVM ≥ 12).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif

int rex_fuzz_run(int *argc, char ***argv, rex_fuzz_callback callback) {
#ifdef REX_LIBFUZZER
    return LLVMFuzzerRunDriver(argc, argv, callback);
#else
    (void)argc;
    (void)argv;
    (void)callback;
    return REX_FUZZ_NOT_BUILT;
#endif
}
