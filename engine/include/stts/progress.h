// Progress reporting from engine jobs. The engine calls the sink from the thread doing the work;
// a UI relays it to its own thread (queued signals), a CLI prints it.
#pragma once

#include <string_view>

namespace stts {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // stage: short stable name ("index", "decode"); done/total in the stage's own units.
  virtual void progress(std::string_view stage, long long done, long long total) = 0;
};

// A sink that ignores everything, for callers that do not care.
class NullProgress final : public ProgressSink {
 public:
  void progress(std::string_view, long long, long long) override {}
};

}  // namespace stts
