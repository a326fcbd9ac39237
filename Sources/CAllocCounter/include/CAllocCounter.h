// Counts heap allocations for binhdan-microbench; linked into that executable only, never into the server.
//
// How it works: counter.c defines malloc, calloc, realloc, free, posix_memalign, aligned_alloc, memalign, valloc
// and pvalloc in the executable itself. Each adds one to a relaxed atomic call counter (and the bytes asked for)
// and forwards to glibc's own entry points (__libc_malloc, __libc_memalign...), so no dlsym and no recursion.
// Because libswiftCore.so, libFoundation.so and the other shared libraries reference these symbols, the static
// linker puts the executable's definitions in its dynamic symbol table, and the dynamic linker binds every
// library's calls to them (the executable comes first in the lookup order). No linker flag is needed; the
// microbenchmark checks at start that allocating a Swift class instance is counted, and refuses to report
// allocations when it is not.
//
// Linux with glibc only; on other systems the functions below return 0 and nothing is counted.
#ifndef CALLOCCOUNTER_H
#define CALLOCCOUNTER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Allocation calls (malloc, calloc, realloc, and the aligned ones) since the process started.
uint64_t alloc_counter_calls(void);
/// Bytes asked for by those calls.
uint64_t alloc_counter_bytes(void);
/// Calls to free with a non-null pointer.
uint64_t alloc_counter_frees(void);
/// 1 when the counting functions are compiled in (Linux with glibc), else 0.
int alloc_counter_is_active(void);

#ifdef __cplusplus
}
#endif

#endif
