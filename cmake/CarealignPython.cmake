# Included by the top-level CMakeLists.txt when tests are built.
# Python for binding tests and independent checks: Debian's interpreter is
# preferred, since the checks use Debian's numpy, scipy and statsmodels.
find_program(CAREALIGN_PY3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT CAREALIGN_PY3)
  find_program(CAREALIGN_PY3 NAMES python3 REQUIRED)
endif()

# In sanitizer builds the interpreter is not instrumented, so the sanitizer
# runtime is preloaded (and leak checking, which Python itself would trip,
# is left to the C tests).
set(CAREALIGN_PY_ENV "")
if(CAREALIGN_SANITIZE AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libclang_rt.asan-x86_64.so
                  OUTPUT_VARIABLE CAREALIGN_ASAN_RT OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(CAREALIGN_PY_ENV "LD_PRELOAD=${CAREALIGN_ASAN_RT};ASAN_OPTIONS=detect_leaks=0")
elseif(CAREALIGN_SANITIZE)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE CAREALIGN_ASAN_RT OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libubsan.so
                  OUTPUT_VARIABLE CAREALIGN_UBSAN_RT OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(CAREALIGN_PY_ENV "LD_PRELOAD=${CAREALIGN_ASAN_RT}:${CAREALIGN_UBSAN_RT};ASAN_OPTIONS=detect_leaks=0")
endif()


# carealign_add_python_test(<name> <script> [args...]): runs a Python script
# against the freshly built shared library through the ctypes package.
function(carealign_add_python_test name script)
  add_test(NAME ${name} COMMAND ${CAREALIGN_PY3} ${script} ${ARGN})
  set_tests_properties(${name} PROPERTIES
    LABELS "python"
    ENVIRONMENT "CAREALIGN_LIBRARY=$<TARGET_FILE:carealign>;PYTHONPATH=${PROJECT_SOURCE_DIR}/bindings/python;PYTHONDONTWRITEBYTECODE=1;${CAREALIGN_PY_ENV}")
endfunction()
