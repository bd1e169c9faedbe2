// Errors as values. Nothing throws across the engine boundary: every fallible public function
// returns Expected<T>, whose error carries a sentence a user can act on.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace stts {

enum class ErrorCode {
  InvalidArgument,  // the caller asked for something impossible (bad option, empty path)
  NotFound,         // a file, stream or tensor that should exist does not
  InvalidData,      // the input exists but is corrupt, truncated or inconsistent
  Unsupported,      // valid input we cannot handle (codec, layout)
  TooLarge,         // input exceeds a safety cap (pixels, header size, frame count)
  Timeout,          // an operation ran past its deadline
  Cancelled,        // the user cancelled
  OutOfMemory,      // host or device memory ran out
  Io,               // the operating system refused a read or write
  Internal,         // a bug in this program; the message says where
};

// Short stable name of a code ("invalid-data"), for logs and JSON output.
const char* errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;  // one sentence, no trailing newline
};

inline Error makeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

// A value or an error. Deliberately small: C++20 has no std::expected.
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Expected<void> {
 public:
  Expected() = default;
  Expected(Error error) : error_(std::move(error)), ok_(false) {}

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace stts
