// Python's pyconfig.h defines _GNU_SOURCE/_XOPEN_SOURCE, which changes glibc's
// fd_set (fds_bits vs __fds_bits) and then clashes with the Glibc module Swift
// imports everywhere. Including the glibc headers first keeps one definition.
#include <sys/types.h>
#include <sys/select.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// dladdr finds the file of the loaded libpython (rex's Python home is derived from
// it, and `rex --version` names it). glibc only declares it and Dl_info with
// _GNU_SOURCE, which the includes above must not see, and Swift's Glibc module
// does not export it: declare it here under another name, bound to the same symbol.
typedef struct RexDlInfo {
    const char *dli_fname;  // path of the object holding the address
    void *dli_fbase;
    const char *dli_sname;
    void *dli_saddr;
} RexDlInfo;
#ifdef __APPLE__
extern int rex_dladdr(const void *address, RexDlInfo *info) __asm__("_dladdr");
#else
extern int rex_dladdr(const void *address, RexDlInfo *info) __asm__("dladdr");
#endif
