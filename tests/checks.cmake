# Checks on the build as a whole: exports, formatting, documentation, the
# ABI gate, packaging and the Windows build. Each is an ordinary ctest.
set(scripts ${CMAKE_CURRENT_SOURCE_DIR}/scripts)

add_test(NAME exports
         COMMAND ${CAREALIGN_PY3} ${scripts}/check_exports.py $<TARGET_FILE:carealign>
                 ${PROJECT_SOURCE_DIR}/include)

find_program(CAREALIGN_CLANG_FORMAT NAMES clang-format clang-format-14 REQUIRED)
add_test(NAME format
         COMMAND sh ${scripts}/check_format.sh ${PROJECT_SOURCE_DIR} ${CAREALIGN_CLANG_FORMAT})

find_package(Doxygen REQUIRED)
set(CAREALIGN_DOCS_OUT ${CMAKE_CURRENT_BINARY_DIR}/docs-check)
configure_file(${PROJECT_SOURCE_DIR}/docs/Doxyfile.in ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile.check @ONLY)
add_test(NAME docs_no_warnings
         COMMAND ${DOXYGEN_EXECUTABLE} ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile.check)

add_test(NAME packaging
         COMMAND sh ${scripts}/check_install.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/packaging ${CMAKE_C_COMPILER})
set_tests_properties(packaging PROPERTIES LABELS "packaging")

if(CAREALIGN_ABI_CHECK)
  add_test(NAME abi
           COMMAND sh ${scripts}/check_abi.sh ${PROJECT_SOURCE_DIR} $<TARGET_FILE:carealign>)
  add_test(NAME abi_gate_selftest
           COMMAND sh ${scripts}/abi_selftest.sh ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/abi-selftest ${CMAKE_C_COMPILER})
  set_tests_properties(abi abi_gate_selftest PROPERTIES LABELS "abi")
endif()

if(CAREALIGN_WINDOWS_TESTS)
  add_test(NAME windows_mingw_wine
           COMMAND sh ${scripts}/check_windows.sh ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/windows)
  set_tests_properties(windows_mingw_wine PROPERTIES LABELS "windows" TIMEOUT 600)
endif()
