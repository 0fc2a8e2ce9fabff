# Binding tests: the Python suite (every python3 found), the PHP suite (plus valgrind and the
# php-fpm preload path), and the Python and PHP examples, all against the built libsolen.
# SPDX-License-Identifier: Apache-2.0

set(solen_bindings_env
  "SOLEN_LIBRARY=$<TARGET_FILE:solen>"
  "SOLEN_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "SOLEN_FFI_HEADER=${PROJECT_SOURCE_DIR}/bindings/ffi/solen_ffi.h"
  "PYTHONDONTWRITEBYTECODE=1"
  "PYTHONPATH=${PROJECT_SOURCE_DIR}/bindings/python/src")

# Registers a test that only reports why it was skipped.
function(solen_skipped_test name why)
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} -E echo "SOLEN_TEST_SKIPPED: ${why}")
  set_tests_properties(${name} PROPERTIES SKIP_REGULAR_EXPRESSION "SOLEN_TEST_SKIPPED"
                       LABELS "bindings")
endfunction()

# ---- Python: python3 from PATH (pyenv here) and Debian's /usr/bin/python3, deduplicated ----
set(solen_pythons "")
find_program(SOLEN_PYTHON3 NAMES python3)
foreach(candidate ${SOLEN_PYTHON3} /usr/bin/python3)
  if(NOT candidate OR NOT EXISTS "${candidate}")
    continue()
  endif()
  execute_process(COMMAND ${candidate} -c "import sys; print(sys.executable)"
                  OUTPUT_VARIABLE exe OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc
                  ERROR_QUIET)
  if(rc EQUAL 0 AND exe AND NOT exe IN_LIST solen_pythons)
    list(APPEND solen_pythons "${exe}")
  endif()
endforeach()

set(solen_python_env ${solen_bindings_env})
set(solen_python_skip "")
if(SOLEN_SANITIZE)
  # The interpreter is not instrumented: the ASan runtime must come first in the process.
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE asan OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libubsan.so
                  OUTPUT_VARIABLE ubsan OUTPUT_STRIP_TRAILING_WHITESPACE)
  list(APPEND solen_python_env "LD_PRELOAD=${asan} ${ubsan}" "ASAN_OPTIONS=detect_leaks=0"
       "UBSAN_OPTIONS=print_stacktrace=1")
elseif(SOLEN_TSAN)
  set(solen_python_skip "ThreadSanitizer build: Python cannot load a TSan library without an "
      "instrumented interpreter; the C test covers threads")
endif()

if(NOT solen_pythons)
  solen_skipped_test(bindings_python "no python3 interpreter found")
endif()
set(solen_python_index 0)
foreach(python IN LISTS solen_pythons)
  if(solen_python_index EQUAL 0)
    set(suffix "")
  elseif(python STREQUAL "/usr/bin/python3")
    set(suffix "_system")
  else()
    set(suffix "_${solen_python_index}")
  endif()
  math(EXPR solen_python_index "${solen_python_index} + 1")
  if(solen_python_skip)
    solen_skipped_test(bindings_python${suffix} "${solen_python_skip}")
    continue()
  endif()
  add_test(NAME bindings_python${suffix}
           COMMAND ${python} ${CMAKE_CURRENT_LIST_DIR}/test_python.py)
  set_tests_properties(bindings_python${suffix} PROPERTIES
    ENVIRONMENT "${solen_python_env}" LABELS "bindings;python" TIMEOUT 900)
  if(suffix STREQUAL "")
    add_test(NAME example_python COMMAND ${python} ${PROJECT_SOURCE_DIR}/examples/python/evaluate.py)
    set_tests_properties(example_python PROPERTIES ENVIRONMENT "${solen_python_env}"
      LABELS "examples;python" PASS_REGULAR_EXPRESSION "T1: chèque énergie eligible 48\\.00")
  endif()
endforeach()

# ---- PHP (8.2 FFI). PHP cannot run under ASan (it dlopens with RTLD_DEEPBIND) nor TSan ----
find_program(SOLEN_PHP NAMES php8.2 php)
if(NOT SOLEN_PHP)
  solen_skipped_test(bindings_php "php not found (apt-get install php8.2-cli)")
  return()
endif()
if(SOLEN_SANITIZE OR SOLEN_TSAN)
  set(why "PHP cannot load a sanitizer-instrumented libsolen (RTLD_DEEPBIND); run the PHP tests in a non-sanitized build, where they also run under valgrind")
  foreach(name bindings_php bindings_php_preload example_php)
    solen_skipped_test(${name} "${why}")
  endforeach()
  return()
endif()

add_test(NAME bindings_php COMMAND ${SOLEN_PHP} ${CMAKE_CURRENT_LIST_DIR}/test_php.php)
set_tests_properties(bindings_php PROPERTIES ENVIRONMENT "${solen_bindings_env}"
                     LABELS "bindings;php")

# The php-fpm path: ffi.preload loads bindings/php/solen_preload.h (FFI_LIB "libsolen.so.1",
# found here through LD_LIBRARY_PATH) as scope "SOLEN", opcache.preload compiles the classes,
# and the script must get the scope through FFI::scope().
add_test(NAME bindings_php_preload
  COMMAND ${SOLEN_PHP} -d ffi.enable=preload
          -d ffi.preload=${PROJECT_SOURCE_DIR}/bindings/php/solen_preload.h
          -d opcache.enable=1 -d opcache.enable_cli=1
          -d opcache.preload=${PROJECT_SOURCE_DIR}/bindings/php/preload.php
          -d opcache.preload_user=nobody
          ${CMAKE_CURRENT_LIST_DIR}/php_preload_check.php)
set_tests_properties(bindings_php_preload PROPERTIES
  ENVIRONMENT "${solen_bindings_env};LD_LIBRARY_PATH=$<TARGET_FILE_DIR:solen>"
  LABELS "bindings;php" PASS_REGULAR_EXPRESSION "preloaded scope SOLEN: 48\\.00"
  FAIL_REGULAR_EXPRESSION "Warning|Fatal|Deprecated|Notice")

add_test(NAME example_php COMMAND ${SOLEN_PHP} ${PROJECT_SOURCE_DIR}/examples/php/evaluate.php)
set_tests_properties(example_php PROPERTIES ENVIRONMENT "${solen_bindings_env}"
  LABELS "examples;php" PASS_REGULAR_EXPRESSION "T1: chèque énergie eligible 48\\.00")

# The PHP suite under valgrind (onnxruntime-php's habit): memory errors in libsolen or in the
# binding's FFI use fail the test. pcre.jit=0 avoids PCRE JIT false positives.
find_program(SOLEN_VALGRIND NAMES valgrind)
if(SOLEN_VALGRIND)
  add_test(NAME bindings_php_valgrind
    COMMAND ${SOLEN_VALGRIND} --error-exitcode=1 --errors-for-leak-kinds=definite
            --leak-check=full --show-leak-kinds=definite --track-origins=no --quiet
            ${SOLEN_PHP} -d pcre.jit=0 ${CMAKE_CURRENT_LIST_DIR}/test_php.php)
  set_tests_properties(bindings_php_valgrind PROPERTIES
    ENVIRONMENT "${solen_bindings_env};USE_ZEND_ALLOC=0" LABELS "bindings;php;valgrind"
    TIMEOUT 1800)
endif()
