"""The library does no file I/O, no network, no environment or clock
reads, and never exits or aborts (docs/privacy.md): every symbol it imports
must be on this allow-list of memory, string, formatting-to-buffer, sorting
and math functions. Anything else (fopen, getenv, socket, time, printf,
abort, exit, ...) fails, named.

usage: check_no_io.py LIBRARY.so
"""

import subprocess
import sys

ALLOWED = set("""
malloc calloc realloc free
memchr memcmp bcmp memcpy memmove memset
strlen strnlen strcmp strncmp strcpy strncpy strchr strrchr strstr strspn strcspn
strtod strtol strtoll strtoul strtoull
snprintf vsnprintf
qsort bsearch
acos asin atan atan2 cos sin tan cosh sinh tanh exp exp2 expm1 log log1p log2 log10
pow sqrt cbrt erf erfc lgamma tgamma fabs floor ceil round roundl lround llround
trunc nearbyint rint lrint llrint fmod fmin fmax hypot ldexp frexp modf copysign
nextafter scalbn
__cxa_finalize __gmon_start__ _ITM_deregisterTMCloneTable _ITM_registerTMCloneTable
__tls_get_addr __stack_chk_fail __memcpy_chk __memset_chk __snprintf_chk __vsnprintf_chk
__strcpy_chk __strncpy_chk __memmove_chk __errno_location
""".split())


def main():
    out = subprocess.run(["nm", "-D", "--undefined-only", sys.argv[1]], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    imported = sorted({line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()})
    bad = [name for name in imported if name not in ALLOWED]
    for name in bad:
        print(f"FAIL: the library imports {name}, which is not on the allow-list "
              "(no I/O, network, environment, clock or exit in lib/)")
    print(f"{len(imported)} imported symbols, {len(bad)} not allowed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
