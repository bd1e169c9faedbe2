#include "av_util.h"

namespace stts::video {

std::string avErrorText(int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(err, buf, sizeof(buf));
  return buf;
}

void Deadline::start(double seconds) {
  // A non-positive budget means "no limit"; a year is effectively that without overflow risk.
  budget_ = seconds;
  const double s = seconds > 0 ? seconds : 365.0 * 24 * 3600;
  end_ = std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
             std::chrono::duration<double>(s));
  fired_ = false;
}

bool Deadline::expired() const {
  if (std::chrono::steady_clock::now() < end_) return false;
  fired_ = true;
  return true;
}

int Deadline::interruptCallback(void* opaque) {
  const auto* d = static_cast<const Deadline*>(opaque);
  return d && d->expired() ? 1 : 0;
}

}  // namespace stts::video
