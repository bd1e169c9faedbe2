# Sanitizers and in-process fuzzers for the whole build (issue #14).
#
# STTS_SANITIZE: which sanitizers every target of the build is compiled and linked with:
#   -DSTTS_SANITIZE=address,undefined   (also written "address;undefined"), or just one of them.
#   Empty (the default): none. Works with clang and gcc. Each one comes with
#   -fno-omit-frame-pointer (whole stacks in reports), -fno-sanitize-recover=all (the first
#   undefined behaviour ends the process, so it fails the test instead of printing and going on)
#   and line tables (-gline-tables-only / -g1) so reports name file:line in every build type.
#   The options are directory-wide, set before any target exists: every library, executable and
#   test of this project gets them. System libraries (Qt, FFmpeg, PCRE2...) stay uninstrumented.
#
# STTS_FUZZ: the fuzz targets of tests/fuzz/libfuzzer and their CTest tests (label "fuzz"). With
#   clang they are libFuzzer binaries, and every target is also compiled with
#   -fsanitize=fuzzer-no-link so coverage feedback reaches the engine code the fuzzers call, not
#   only their own file. Other compilers get corpus replay only (STTS_FUZZ_ENGINE below).
#
# STTS_SANITIZER_TEST_ENV: the ASAN_OPTIONS/UBSAN_OPTIONS every CTest test gets
#   (tests/CMakeLists.txt and the fuzz tests set them as ENVIRONMENT): leak checking on, stop at
#   the first error, stack traces for UBSan too. Empty when nothing is sanitized.
set(STTS_SANITIZE "" CACHE STRING
    "Sanitizers for every target: address, undefined, or both (address,undefined); empty: none")
option(STTS_FUZZ "Build the fuzz targets in tests/fuzz/libfuzzer (libFuzzer with clang, corpus replay otherwise)" OFF)

string(REPLACE "," ";" STTS_SANITIZERS "${STTS_SANITIZE}")
list(TRANSFORM STTS_SANITIZERS STRIP)
list(REMOVE_ITEM STTS_SANITIZERS "")
list(REMOVE_DUPLICATES STTS_SANITIZERS)
foreach(_s IN LISTS STTS_SANITIZERS)
  if(NOT _s MATCHES "^(address|undefined)$")
    message(FATAL_ERROR "STTS_SANITIZE: unknown sanitizer '${_s}' (address, undefined, or both: "
                        "-DSTTS_SANITIZE=address,undefined)")
  endif()
endforeach()

set(STTS_SANITIZER_TEST_ENV "")
if(STTS_SANITIZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang|GNU")
    message(FATAL_ERROR "STTS_SANITIZE needs clang or gcc, not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  list(JOIN STTS_SANITIZERS "," _stts_sanitize_joined)
  set(_stts_sanitize_flags -fsanitize=${_stts_sanitize_joined} -fno-omit-frame-pointer
                           -fno-sanitize-recover=all)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(_stts_debug_lines -gline-tables-only)
  else()
    set(_stts_debug_lines -g1)
  endif()
  add_compile_options(${_stts_sanitize_flags} ${_stts_debug_lines})
  add_link_options(${_stts_sanitize_flags})
  message(STATUS "Sanitizers: ${_stts_sanitize_joined} (every target)")

  # Shared by every sanitized test. detect_leaks: LeakSanitizer at exit (it stops the threads
  # with ptrace, which this CI's containers allow; no suppressions are needed: the Qt, FFmpeg and
  # PCRE2 the tests load leak nothing it reports). abort_on_error=0 keeps the exit code 1 (CTest
  # reports a failure, not a signal).
  set(STTS_ASAN_OPTIONS
      "detect_leaks=1:halt_on_error=1:abort_on_error=0:print_stacktrace=1:check_initialization_order=1")
  set(STTS_UBSAN_OPTIONS "print_stacktrace=1:halt_on_error=1:report_error_type=1")
  set(STTS_SANITIZER_TEST_ENV "ASAN_OPTIONS=${STTS_ASAN_OPTIONS}"
                              "UBSAN_OPTIONS=${STTS_UBSAN_OPTIONS}")
endif()

# STTS_FUZZ_ENGINE: "libfuzzer" (clang), or "replay" (any other compiler: the same targets with a
# plain main that runs the seed corpora and regressions once, tests/fuzz/libfuzzer/replay_main.cpp).
set(STTS_BUILD_FUZZERS OFF)
set(STTS_FUZZ_ENGINE "")
if(STTS_FUZZ)
  set(STTS_BUILD_FUZZERS ON)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(STTS_FUZZ_ENGINE libfuzzer)
    # At link time too: an instrumented library in an executable that is not a fuzzer (every
    # test) then gets the runtime's empty coverage hooks, even without other sanitizers.
    add_compile_options(-fsanitize=fuzzer-no-link)
    add_link_options(-fsanitize=fuzzer-no-link)
    if(NOT STTS_SANITIZERS)
      message(STATUS "Fuzzers: libFuzzer, without sanitizers (only crashes and hangs are found; "
                     "-DSTTS_SANITIZE=address,undefined finds memory errors and UB too)")
    else()
      message(STATUS "Fuzzers: libFuzzer (tests/fuzz/libfuzzer, ctest -L fuzz)")
    endif()
  else()
    set(STTS_FUZZ_ENGINE replay)
    message(STATUS "Fuzzers: corpus replay only (libFuzzer needs clang, this is "
                   "${CMAKE_CXX_COMPILER_ID}: configure with CC=clang CXX=clang++ to fuzz)")
  endif()
endif()
