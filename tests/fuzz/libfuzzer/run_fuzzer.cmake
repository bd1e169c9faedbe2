# One CTest run of a fuzz target (tests/fuzz/libfuzzer/CMakeLists.txt): a fresh, empty working
# corpus first (libFuzzer writes the inputs it finds into its first corpus folder, and the
# committed seeds must stay as they are), then the fuzzer on it plus the read-only folders, which
# replays every seed and regression before the fixed number of runs. Fails on any non-zero exit:
# a crash, a leak, a sanitizer report, a timeout or the memory limit.
#   cmake -DFUZZER=... -DWORK=... "-DDIRS=a;b" "-DFLAGS=-runs=...;-seed=..." -P run_fuzzer.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}" "${WORK}-artifacts")  # crash-*, leak-*, timeout-* land there
set(existing "")
foreach(dir IN LISTS DIRS)
  if(EXISTS "${dir}")
    list(APPEND existing "${dir}")
  endif()
endforeach()
execute_process(COMMAND "${FUZZER}" ${FLAGS} "-artifact_prefix=${WORK}-artifacts/" "${WORK}"
                        ${existing} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${rc}); the input that failed is in ${WORK}-artifacts/ "
                      "(save it under tests/fuzz/regressions/<target>/ once understood)")
endif()
