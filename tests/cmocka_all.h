/* cmocka needs these headers before its own. */
#ifndef CAREALIGN_TESTS_CMOCKA_ALL_H
#define CAREALIGN_TESTS_CMOCKA_ALL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#endif
