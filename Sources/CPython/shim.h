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
