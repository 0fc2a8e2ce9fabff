# Checks that libsolen exports exactly the symbols of tests/abi/exports.txt, versioned SOLEN_<ABI>.
# SPDX-License-Identifier: Apache-2.0
# Usage: cmake -DLIB=libsolen.so -DNM=nm -DEXPECTED=exports.txt -DABI=1 -P check_exports.cmake
execute_process(COMMAND ${NM} -D --defined-only ${LIB}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIB}: ${err}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(actual "")
set(unversioned "")
foreach(line IN LISTS lines)
  # "<address> <type> <name>[@@VERSION]"
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] ([^ @]+)(@@?([A-Za-z0-9_.]+))?$")
    set(name "${CMAKE_MATCH_1}")
    set(version "${CMAKE_MATCH_3}")
    if(name MATCHES "^SOLEN_${ABI}(\\.[0-9]+)?$")
      continue()  # the version node itself
    endif()
    list(APPEND actual "${name}")
    # SOLEN_1 for the first release of ABI 1; SOLEN_1.1, SOLEN_1.2... for later additions.
    if(NOT version MATCHES "^SOLEN_${ABI}(\\.[0-9]+)?$")
      list(APPEND unversioned "${name}@${version}")
    endif()
  endif()
endforeach()
list(SORT actual)
file(STRINGS ${EXPECTED} expected REGEX "^[^#]")
list(SORT expected)
if(NOT actual STREQUAL expected)
  set(extra ${actual})
  list(REMOVE_ITEM extra ${expected})
  set(missing ${expected})
  list(REMOVE_ITEM missing ${actual})
  message(FATAL_ERROR "exported symbols differ from ${EXPECTED}\n"
          "  exported but not listed: ${extra}\n  listed but not exported: ${missing}\n"
          "Fix capi/solen.map, or add a new solen_* function to exports.txt (append-only).")
endif()
if(unversioned)
  message(FATAL_ERROR "symbols without the SOLEN_${ABI} version: ${unversioned}")
endif()
list(LENGTH actual n)
message(STATUS "${n} exported symbols, all solen_* under SOLEN_${ABI}[.n], as listed in exports.txt")
