# Compares libsolen's ABI with the committed libabigail baseline (abidw + abidiff).
# SPDX-License-Identifier: Apache-2.0
# Usage: cmake -DLIB=... -DABIDW=... -DABIDIFF=... -DREADELF=... -DHEADERS=capi/include/solen
#              -DBASELINE=tests/abi/libsolen.so.1.abi -DWORK=<dir> [-DUPDATE=ON] -P check_abi.cmake
# Needs DWARF (-g): a library without debug information is skipped with a message, not failed.
# abidiff exit codes: 0 same, 4 changed (e.g. enumerator value, parameter type), 12 incompatible
# (e.g. a function removed).
if(NOT ABIDW OR NOT ABIDIFF)
  message("SOLEN_TEST_SKIPPED: abidw/abidiff not found (apt-get install abigail-tools)")
  return()
endif()
execute_process(COMMAND ${READELF} -S --wide ${LIB} OUTPUT_VARIABLE sections)
if(NOT sections MATCHES "\\.debug_info")
  message("SOLEN_TEST_SKIPPED: ${LIB} has no debug information (build type without -g, e.g. "
          "Release); the ABI check needs Debug or RelWithDebInfo")
  return()
endif()

file(MAKE_DIRECTORY ${WORK})
set(current ${WORK}/libsolen.current.abi)
execute_process(
  COMMAND ${ABIDW} --headers-dir ${HEADERS} --drop-private-types --exported-interfaces-only
          --no-corpus-path --out-file ${current} ${LIB}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "abidw failed (${rc}): ${err}")
endif()

if(UPDATE)
  configure_file(${current} ${BASELINE} COPYONLY)
  message(STATUS "wrote ${BASELINE}")
  return()
endif()
if(NOT EXISTS ${BASELINE})
  message(FATAL_ERROR "no ABI baseline ${BASELINE}: create it with the solen_abi_baseline target")
endif()
execute_process(
  COMMAND ${ABIDIFF} --no-added-syms ${BASELINE} ${current}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "libsolen's ABI differs from ${BASELINE} (abidiff exit ${rc}):\n${out}${err}\n"
          "An incompatible change needs a new SOLEN_ABI_VERSION (docs/api-stability.md).")
endif()
message(STATUS "ABI matches ${BASELINE} (additions allowed)")
