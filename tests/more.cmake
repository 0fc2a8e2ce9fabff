# Tests of the C ABI, bindings, examples, ABI baseline and packaging (included by tests/CMakeLists.txt).
# SPDX-License-Identifier: Apache-2.0
# Skipped tests print "SOLEN_TEST_SKIPPED: <why>" and ctest reports them as skipped.
if(NOT TARGET solen)
  message(STATUS "solen tests: no libsolen target (capi/), C ABI tests not registered")
  return()
endif()

# Compiler flags a consumer of a sanitized libsolen needs (package test).
set(SOLEN_CONSUMER_FLAGS "")
if(SOLEN_SANITIZE)
  set(SOLEN_CONSUMER_FLAGS "-fsanitize=address,undefined")
elseif(SOLEN_TSAN)
  set(SOLEN_CONSUMER_FLAGS "-fsanitize=thread")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/capi/tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/bindings/tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/abi/tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/package/tests.cmake)
