// A minimal test harness for the few tests that must build where Qt is absent: the GPU tests run
// on GPU machines that have PyTorch, CMake and ninja but no Qt (the model-only build). Same
// contract as a Qt Test executable under CTest: cases run in order, a failed check ends its case
// with file, line and the expression, the exit code is the number of failed cases, and a skip
// exits with kSkipExitCode, which CMake registers as SKIP_RETURN_CODE so CTest reports it.
#pragma once

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace plain_test {

inline constexpr int kSkipExitCode = 77;

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void check(bool ok, const char* expr, const char* file, int line, const std::string& why) {
  if (ok) return;
  throw Failure(std::string(file) + ":" + std::to_string(line) + ": CHECK(" + expr + ") failed" +
                (why.empty() ? "" : ": " + why));
}

// Runs every case; returns the process exit code.
inline int run(const char* suite,
               const std::vector<std::pair<const char*, std::function<void()>>>& cases) {
  int failed = 0;
  for (const auto& [name, body] : cases) {
    try {
      body();
      std::printf("PASS   : %s::%s()\n", suite, name);
    } catch (const std::exception& e) {
      ++failed;
      std::printf("FAIL!  : %s::%s() %s\n", suite, name, e.what());
    }
    std::fflush(stdout);
  }
  std::printf("Totals: %d passed, %d failed\n", static_cast<int>(cases.size()) - failed, failed);
  return failed;
}

}  // namespace plain_test

#define PLAIN_CHECK(expr) \
  ::plain_test::check(static_cast<bool>(expr), #expr, __FILE__, __LINE__, {})
#define PLAIN_CHECK_MSG(expr, why) \
  ::plain_test::check(static_cast<bool>(expr), #expr, __FILE__, __LINE__, (why))
