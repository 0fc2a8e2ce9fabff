# Registers the package test (install + find_package + pkg-config), see run.cmake.
# SPDX-License-Identifier: Apache-2.0
if(NOT SOLEN_INSTALL)
  add_test(NAME package_install COMMAND ${CMAKE_COMMAND} -E echo
           "SOLEN_TEST_SKIPPED: SOLEN_INSTALL is OFF, nothing to install")
  set_tests_properties(package_install PROPERTIES SKIP_REGULAR_EXPRESSION "SOLEN_TEST_SKIPPED")
  return()
endif()
find_program(SOLEN_PKG_CONFIG NAMES pkg-config pkgconf)
add_test(NAME package_install
  COMMAND ${CMAKE_COMMAND} -DBUILD=${PROJECT_BINARY_DIR} -DSRC=${PROJECT_SOURCE_DIR}
          -DWORK=${CMAKE_CURRENT_BINARY_DIR}/package -DLIBDIR=${CMAKE_INSTALL_LIBDIR}
          -DGENERATOR=${CMAKE_GENERATOR} -DCC=${CMAKE_C_COMPILER} -DCXX=${CMAKE_CXX_COMPILER}
          -DCTEST=${CMAKE_CTEST_COMMAND} -DPKGCONFIG=${SOLEN_PKG_CONFIG}
          "-DFLAGS=${SOLEN_CONSUMER_FLAGS}" -DCONFIG=$<CONFIG>
          -P ${CMAKE_CURRENT_LIST_DIR}/run.cmake)
set_tests_properties(package_install PROPERTIES LABELS "package" TIMEOUT 1800)
