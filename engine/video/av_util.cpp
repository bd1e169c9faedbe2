#include "av_util.h"

#include <cstdio>

namespace stts::video {

std::string avErrorText(int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(err, buf, sizeof(buf));
  return buf;
}

std::string sizeText(int64_t w, int64_t h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

namespace {
std::string fixed(double v, int decimals, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f %s", decimals, v, unit);
  return buf;
}
}  // namespace

std::string secondsText(double seconds) {
  return fixed(seconds, 2, "s");
}

std::string gibText(double bytes) {
  return fixed(bytes / double(1LL << 30), 1, "GiB");
}

std::string pixelsText(double pixels) {
  if (pixels >= 1e9) return fixed(pixels / 1e9, 1, "gigapixels");
  if (pixels >= 1e6) return fixed(pixels / 1e6, 1, "megapixels");
  return fixed(pixels, 0, "pixels");
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
