# ABI tests: exported-symbol list, libabigail baseline (abidiff), and the FFI header's sync.
# SPDX-License-Identifier: Apache-2.0
# Refresh the baseline after a deliberate, compatible addition (never after a break):
#   cmake --build <build> --target solen_abi_baseline

add_test(NAME abi_exports
  COMMAND ${CMAKE_COMMAND} -DLIB=$<TARGET_FILE:solen> -DNM=${CMAKE_NM}
          -DEXPECTED=${CMAKE_CURRENT_LIST_DIR}/exports.txt -DABI=${SOLEN_ABI_VERSION}
          -P ${CMAKE_CURRENT_LIST_DIR}/check_exports.cmake)
set_tests_properties(abi_exports PROPERTIES LABELS "abi")

find_program(SOLEN_ABIDW NAMES abidw)
find_program(SOLEN_ABIDIFF NAMES abidiff)
set(solen_abi_args -DLIB=$<TARGET_FILE:solen> -DABIDW=${SOLEN_ABIDW} -DABIDIFF=${SOLEN_ABIDIFF}
    -DREADELF=${CMAKE_READELF} -DHEADERS=${PROJECT_SOURCE_DIR}/capi/include/solen
    -DBASELINE=${CMAKE_CURRENT_LIST_DIR}/libsolen.so.${SOLEN_ABI_VERSION}.abi
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/abi)
add_test(NAME abi_baseline COMMAND ${CMAKE_COMMAND} ${solen_abi_args}
         -P ${CMAKE_CURRENT_LIST_DIR}/check_abi.cmake)
set_tests_properties(abi_baseline PROPERTIES LABELS "abi" SKIP_REGULAR_EXPRESSION "SOLEN_TEST_SKIPPED")
add_custom_target(solen_abi_baseline
  COMMAND ${CMAKE_COMMAND} ${solen_abi_args} -DUPDATE=ON -P ${CMAKE_CURRENT_LIST_DIR}/check_abi.cmake
  COMMENT "Writing tests/abi/libsolen.so.${SOLEN_ABI_VERSION}.abi" VERBATIM)
add_dependencies(solen_abi_baseline solen)

add_test(NAME ffi_header_sync
  COMMAND ${CMAKE_COMMAND} -DCC=${CMAKE_C_COMPILER} -DSRC=${PROJECT_SOURCE_DIR}
          -DOUT=${PROJECT_SOURCE_DIR}/bindings/ffi/solen_ffi.h
          -DPHP_OUT=${PROJECT_SOURCE_DIR}/bindings/php/solen_preload.h
          -DCHECK=ON -DEXPECTED=${CMAKE_CURRENT_BINARY_DIR}
          -P ${PROJECT_SOURCE_DIR}/bindings/ffi/generate.cmake)
set_tests_properties(ffi_header_sync PROPERTIES LABELS "abi;bindings")
