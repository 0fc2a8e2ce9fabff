# C ABI tests: the C test program, strict header compilation, and the C and C++ examples.
# SPDX-License-Identifier: Apache-2.0

# The C test, compiled as strict C99 with every warning an error.
add_executable(test_capi ${CMAKE_CURRENT_LIST_DIR}/test_capi.c)
target_link_libraries(test_capi PRIVATE solen Threads::Threads)
target_compile_options(test_capi PRIVATE -Wall -Wextra -Wpedantic -Werror)
set_target_properties(test_capi PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
add_test(NAME capi_test COMMAND test_capi)
set_tests_properties(capi_test PROPERTIES LABELS "capi")

# The same program against the static library (libsolen.a).
add_executable(test_capi_static ${CMAKE_CURRENT_LIST_DIR}/test_capi.c)
target_link_libraries(test_capi_static PRIVATE solen_static Threads::Threads)
target_compile_options(test_capi_static PRIVATE -Wall -Wextra -Wpedantic -Werror)
set_target_properties(test_capi_static PROPERTIES C_STANDARD 99 C_EXTENSIONS OFF)
add_test(NAME capi_test_static COMMAND test_capi_static)
set_tests_properties(capi_test_static PROPERTIES LABELS "capi")

# solen_evaluate_file and large in-memory batches (several blocks of the streaming core).
add_executable(test_capi_file ${CMAKE_CURRENT_LIST_DIR}/test_capi_file.c)
target_link_libraries(test_capi_file PRIVATE solen)
target_compile_options(test_capi_file PRIVATE -Wall -Wextra -Wpedantic -Werror)
set_target_properties(test_capi_file PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
add_test(NAME capi_file_test COMMAND test_capi_file)
set_tests_properties(capi_file_test PROPERTIES LABELS "capi" TIMEOUT 600)

# The public C header alone: strict C99, C11 and C++17, warnings as errors (libgit2 headertest).
set(solen_capi_inc -I${PROJECT_SOURCE_DIR}/capi/include)
foreach(std c99 c11)
  add_test(NAME capi_header_${std}
    COMMAND ${CMAKE_C_COMPILER} -std=${std} -Wall -Wextra -Wpedantic -Werror -fsyntax-only
            ${solen_capi_inc} ${CMAKE_CURRENT_LIST_DIR}/header_c99.c)
  set_tests_properties(capi_header_${std} PROPERTIES LABELS "capi;header")
endforeach()
add_test(NAME capi_header_cxx17
  COMMAND ${CMAKE_CXX_COMPILER} -std=c++17 -Wall -Wextra -Wpedantic -Werror -fsyntax-only
          ${solen_capi_inc} ${CMAKE_CURRENT_LIST_DIR}/header_cxx.cpp)
set_tests_properties(capi_header_cxx17 PROPERTIES LABELS "capi;header")

# Examples: a C host of libsolen and a C++ host of the header-only core.
add_executable(example_c_minimal ${PROJECT_SOURCE_DIR}/examples/c/minimal.c)
target_link_libraries(example_c_minimal PRIVATE solen)
target_compile_options(example_c_minimal PRIVATE -Wall -Wextra -Wpedantic -Werror)
set_target_properties(example_c_minimal PROPERTIES C_STANDARD 99 C_EXTENSIONS OFF)
add_test(NAME example_c COMMAND example_c_minimal)
set_tests_properties(example_c PROPERTIES LABELS "examples"
  PASS_REGULAR_EXPRESSION "\"amount\": ?\"48\\.00\"")

add_executable(example_cpp_minimal ${PROJECT_SOURCE_DIR}/examples/cpp/minimal.cpp)
target_link_libraries(example_cpp_minimal PRIVATE solen_core solen_warnings)
add_test(NAME example_cpp COMMAND example_cpp_minimal)
set_tests_properties(example_cpp PROPERTIES LABELS "examples"
  PASS_REGULAR_EXPRESSION "\"amount\": ?\"48\\.00\"")

# The C test under valgrind (memory errors and definite leaks fail it); not with sanitizers.
find_program(SOLEN_VALGRIND NAMES valgrind)
if(SOLEN_VALGRIND AND NOT SOLEN_SANITIZE AND NOT SOLEN_TSAN)
  add_test(NAME capi_test_valgrind
    COMMAND ${SOLEN_VALGRIND} --error-exitcode=1 --leak-check=full
            --errors-for-leak-kinds=definite --quiet $<TARGET_FILE:test_capi>)
  set_tests_properties(capi_test_valgrind PROPERTIES LABELS "capi;valgrind" TIMEOUT 900)
endif()
