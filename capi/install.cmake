# Install rules, the solen:: export (find_package) and the relocatable pkg-config file.
# SPDX-License-Identifier: Apache-2.0
# Included from capi/CMakeLists.txt when SOLEN_INSTALL is ON. The CLI installs itself (src/).

set(SOLEN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/solen)

install(TARGETS solen_core solen solen_static EXPORT solenTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)

# Headers: the C++ core, the C header and the generated embedded rule pack.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT dev FILES_MATCHING PATTERN "*.hpp")
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/include/solen/solen.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/solen COMPONENT dev)
install(FILES ${SOLEN_GEN_INCLUDE}/solen/embedded_rulepack.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/solen COMPONENT dev)
# FFI declarations for bindings (PHP FFI::cdef / preload, cffi) of an installed library.
install(FILES ${PROJECT_SOURCE_DIR}/bindings/ffi/solen_ffi.h
              ${PROJECT_SOURCE_DIR}/bindings/php/solen_preload.h
  DESTINATION ${CMAKE_INSTALL_DATADIR}/solen COMPONENT dev)

install(EXPORT solenTargets NAMESPACE solen:: DESTINATION ${SOLEN_CMAKE_DIR} COMPONENT dev)
# Build-tree export, so that add_subdirectory users can export their own targets.
export(EXPORT solenTargets NAMESPACE solen:: FILE ${PROJECT_BINARY_DIR}/solenTargets.cmake)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/solenConfig.cmake.in
  ${PROJECT_BINARY_DIR}/solenConfig.cmake INSTALL_DESTINATION ${SOLEN_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/solenConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/solenConfig.cmake ${PROJECT_BINARY_DIR}/solenConfigVersion.cmake
  DESTINATION ${SOLEN_CMAKE_DIR} COMPONENT dev)

# pkg-config: prefix relative to the .pc file, so a staged or moved install stays correct.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(SOLEN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(SOLEN_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  string(REGEX REPLACE "[^/]+" ".." solen_pc_up "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  set(SOLEN_PC_PREFIX "\${pcfiledir}/${solen_pc_up}")
  set(SOLEN_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(SOLEN_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(SOLEN_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/solen.pc.in ${PROJECT_BINARY_DIR}/solen.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/solen.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)
