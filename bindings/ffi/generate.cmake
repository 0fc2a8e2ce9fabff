# Generates (or checks) bindings/ffi/solen_ffi.h: the C header preprocessed for FFI parsers.
# SPDX-License-Identifier: Apache-2.0
# Usage: cmake -DCC=cc -DSRC=<repo> -DOUT=<file> [-DPHP_OUT=<file>] [-DCHECK=ON [-DEXPECTED=<dir>]] -P bindings/ffi/generate.cmake
# The header is run through `cc -E -P -DSOLEN_FFI_CDEF` (no includes, no attributes, no macros:
# PHP FFI and cffi reject those), then laid out canonically so that gcc and clang agree.
# PHP_OUT (bindings/php/solen_preload.h) is the same with the FFI_SCOPE/FFI_LIB lines PHP's
# ffi.preload needs (php-fpm).
# With CHECK=ON, OUT (and PHP_OUT) is compared with a fresh generation and the script fails when it differs.
foreach(var CC SRC OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "generate.cmake: -D${var}=... is required")
  endif()
endforeach()
execute_process(
  COMMAND ${CC} -E -P -DSOLEN_FFI_CDEF ${SRC}/capi/include/solen/solen.h
  OUTPUT_VARIABLE raw ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "preprocessing solen.h failed (${rc}): ${err}")
endif()
# Canonical layout, independent of the preprocessor's spacing: one declaration per line.
string(REGEX REPLACE "[ \t\r\n]+" " " raw "${raw}")
string(STRIP "${raw}" raw)
string(REPLACE "; " ";\n" raw "${raw}")
string(REPLACE "{ " "{\n  " raw "${raw}")
string(REPLACE ", SOLEN_" ",\n  SOLEN_" raw "${raw}")
string(REPLACE " }" "\n}" raw "${raw}")
set(text "/* Generated from capi/include/solen/solen.h by bindings/ffi/generate.cmake (cc -E -P -DSOLEN_FFI_CDEF). Do not edit: run `cmake --build <build> --target solen_ffi_header`. SPDX-License-Identifier: Apache-2.0 */\n${raw}\n")
set(php_text "#define FFI_SCOPE \"SOLEN\"\n#define FFI_LIB \"libsolen.so.1\"\n/* For PHP: php.ini ffi.enable=preload + ffi.preload=<this file> (php-fpm), then FFI::scope(\"SOLEN\"); see docs/bindings.md. Generated with bindings/ffi/solen_ffi.h from capi/include/solen/solen.h; do not edit. SPDX-License-Identifier: Apache-2.0 */\n${raw}\n")

function(emit file content)
  if(CHECK)
    if(NOT EXISTS "${file}")
      message(FATAL_ERROR "${file} does not exist")
    endif()
    file(READ "${file}" old)
    if(NOT old STREQUAL content)
      if(DEFINED EXPECTED)
        get_filename_component(name "${file}" NAME)
        file(WRITE "${EXPECTED}/${name}" "${content}")
        set(where "Expected content written to ${EXPECTED}/${name}.\n")
      endif()
      message(FATAL_ERROR "${file} is out of date with capi/include/solen/solen.h.\n${where}"
              "Regenerate it: cmake --build <build> --target solen_ffi_header")
    endif()
    message(STATUS "${file} is in sync with solen.h")
  else()
    file(WRITE "${file}" "${content}")
    message(STATUS "wrote ${file}")
  endif()
endfunction()

emit("${OUT}" "${text}")
if(DEFINED PHP_OUT)
  emit("${PHP_OUT}" "${php_text}")
endif()
