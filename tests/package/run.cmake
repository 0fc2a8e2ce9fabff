# Package test: stage `cmake --install`, build tests/package with find_package through
# `ctest --build-and-test`, then move the install and build main.c with pkg-config (relocation).
# SPDX-License-Identifier: Apache-2.0
# Usage: cmake -DBUILD=<build dir> -DSRC=<source dir> -DWORK=<scratch dir> -DLIBDIR=lib
#   -DGENERATOR=Ninja -DCC=cc -DCXX=c++ -DCTEST=ctest -DPKGCONFIG=pkg-config [-DFLAGS=...]
#   [-DCONFIG=RelWithDebInfo] -P run.cmake
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "command failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
set(stage ${WORK}/stage)
set(config_args "")
if(CONFIG)
  set(config_args --config ${CONFIG})
endif()

# The library's components only (runtime: libsolen.so.1; dev: headers, libsolen.a, CMake and
# pkg-config files), so that the test does not depend on the state of other targets.
foreach(component runtime dev)
  message(STATUS "1. cmake --install ${BUILD} --prefix ${stage} --component ${component}")
  run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${stage} --component ${component} ${config_args})
endforeach()
foreach(f include/solen/solen.h include/solen/engine.hpp include/solen/embedded_rulepack.hpp
          include/solen/detail/engine_impl.hpp ${LIBDIR}/libsolen.so.1 ${LIBDIR}/libsolen.a
          ${LIBDIR}/cmake/solen/solenConfig.cmake ${LIBDIR}/cmake/solen/solenConfigVersion.cmake
          ${LIBDIR}/cmake/solen/solenTargets.cmake ${LIBDIR}/pkgconfig/solen.pc
          share/solen/solen_ffi.h)
  if(NOT EXISTS ${stage}/${f})
    message(FATAL_ERROR "the install lacks ${f}")
  endif()
endforeach()

message(STATUS "2. find_package(solen) consumer (shared, static, header-only core)")
set(flag_args "")
if(FLAGS)
  set(flag_args "-DCMAKE_C_FLAGS=${FLAGS}" "-DCMAKE_CXX_FLAGS=${FLAGS}"
                "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}")
endif()
run(${CTEST} --build-and-test ${SRC}/tests/package ${WORK}/consumer
    --build-generator ${GENERATOR}
    --build-options -DCMAKE_PREFIX_PATH=${stage} -DCMAKE_C_COMPILER=${CC}
                    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Debug ${flag_args}
    --test-command ${CTEST} --output-on-failure)
message("${out}")

message(STATUS "3. pkg-config build against the install moved elsewhere")
set(moved ${WORK}/moved)
file(RENAME ${stage} ${moved})
set(pc_env ${CMAKE_COMMAND} -E env PKG_CONFIG_LIBDIR=${moved}/${LIBDIR}/pkgconfig
    PKG_CONFIG_PATH=)
run(${pc_env} ${PKGCONFIG} --modversion solen)
string(STRIP "${out}" version)
run(${pc_env} ${PKGCONFIG} --cflags --libs solen)
string(STRIP "${out}" pc_flags)
run(${pc_env} ${PKGCONFIG} --variable=includedir solen)
string(STRIP "${out}" pc_includedir)
if(NOT EXISTS "${pc_includedir}/solen/solen.h")
  message(FATAL_ERROR "solen.pc is not relocatable: includedir ${pc_includedir} after a move")
endif()
message(STATUS "   solen ${version}: ${pc_flags}")
separate_arguments(pc_list UNIX_COMMAND "${pc_flags}")
separate_arguments(extra UNIX_COMMAND "${FLAGS}")
run(${CC} -std=c99 -Wall -Wextra -Werror ${extra} ${SRC}/tests/package/main.c ${pc_list}
    -Wl,-rpath,${moved}/${LIBDIR} -o ${WORK}/consumer_pkgconfig)
run(${WORK}/consumer_pkgconfig)
if(NOT out MATCHES "consumer ok: 48\\.00")
  message(FATAL_ERROR "pkg-config consumer: ${out}")
endif()
message(STATUS "   ${out}")
message(STATUS "package test passed")
