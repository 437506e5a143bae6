# Warnings are errors on gcc and clang. -Wconversion and -Wshadow catch the
# silent narrowing and shadowing that matter most in counting code.
option(CAREALIGN_WERROR "Treat warnings as errors" ON)
set(CAREALIGN_WARNINGS
    -Wall -Wextra -Wpedantic $<$<BOOL:${CAREALIGN_WERROR}>:-Werror>
    -Wshadow -Wconversion -Wsign-conversion
    -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition
    -Wcast-qual -Wvla -Wformat=2
    # mingw-w64's isnan/isinf/isfinite macros pick float or double versions
    # with sizeof, which -Wfloat-conversion reports at every use; the Linux
    # gcc and clang builds keep the warning.
    $<$<BOOL:${MINGW}>:-Wno-float-conversion>)

# carealign_target_warnings(target): apply the project's warnings to a target.
function(carealign_target_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE ${CAREALIGN_WARNINGS})
  endif()
endfunction()
