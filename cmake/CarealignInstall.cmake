# Installation: headers, shared and static libraries, carealign.pc and a
# CMake package (find_package(carealign) -> carealign::carealign).
include(CMakePackageConfigHelpers)

set(CAREALIGN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/carealign
    CACHE STRING "Where carealignConfig.cmake is installed, relative to the prefix")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/carealign
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/carealign/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/carealign)

install(TARGETS carealign carealign_static
        EXPORT carealignTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_SKIP
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS carealign
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_ONLY)

install(EXPORT carealignTargets
        NAMESPACE carealign::
        DESTINATION ${CAREALIGN_CMAKE_DIR})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/carealignConfig.cmake.in
  ${PROJECT_BINARY_DIR}/carealignConfig.cmake
  INSTALL_DESTINATION ${CAREALIGN_CMAKE_DIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/carealignConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/carealignConfig.cmake
              ${PROJECT_BINARY_DIR}/carealignConfigVersion.cmake
        DESTINATION ${CAREALIGN_CMAKE_DIR})

# A relocatable .pc: ${prefix} is found from the .pc file's own location
# (pkg-config's ${pcfiledir}), and the other paths are relative to it unless
# the install directories were given as absolute paths.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(CAREALIGN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH CAREALIGN_PC_UP "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
  string(REGEX REPLACE "/$" "" CAREALIGN_PC_UP "${CAREALIGN_PC_UP}")
  set(CAREALIGN_PC_PREFIX "\${pcfiledir}/${CAREALIGN_PC_UP}")
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(CAREALIGN_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(CAREALIGN_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/carealign.pc.in
               ${PROJECT_BINARY_DIR}/carealign.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/carealign.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
