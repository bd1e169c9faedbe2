#include "stts/error.h"

namespace stts {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid-argument";
    case ErrorCode::NotFound:
      return "not-found";
    case ErrorCode::InvalidData:
      return "invalid-data";
    case ErrorCode::Unsupported:
      return "unsupported";
    case ErrorCode::TooLarge:
      return "too-large";
    case ErrorCode::Timeout:
      return "timeout";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::OutOfMemory:
      return "out-of-memory";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

}  // namespace stts
