#include "exec/log_time.hpp"

#include <cctype>
#include <chrono>

namespace troupe::exec {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  bool digits(int count, int& value) {
    value = 0;
    for (int i = 0; i < count; ++i) {
      if (pos_ >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[pos_])))
        return false;
      value = value * 10 + (text_[pos_++] - '0');
    }
    return true;
  }
  bool literal(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip() { ++pos_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<TimePoint> parse_log_timestamp(std::string_view text) {
  Reader in(text);
  int year, month, day, hour, minute, second;
  if (!in.digits(4, year) || !in.literal('-') || !in.digits(2, month) || !in.literal('-') ||
      !in.digits(2, day))
    return std::nullopt;
  if (!in.literal('T') && !in.literal(' ') && !in.literal('t')) return std::nullopt;
  if (!in.digits(2, hour) || !in.literal(':') || !in.digits(2, minute) || !in.literal(':') ||
      !in.digits(2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  std::chrono::nanoseconds fraction{0};
  if (in.literal('.') || in.literal(',')) {
    long long scale = 100000000;
    int digit = 0;
    int count = 0;
    while (std::isdigit(static_cast<unsigned char>(in.peek()))) {
      in.digits(1, digit);
      if (scale > 0) fraction += std::chrono::nanoseconds(digit * scale);
      scale /= 10;
      ++count;
    }
    if (count == 0) return std::nullopt;
  }
  std::chrono::minutes offset{0};
  if (in.literal('Z') || in.literal('z')) {
  } else if (in.peek() == '+' || in.peek() == '-') {
    int sign = in.peek() == '-' ? -1 : 1;
    in.skip();
    int off_h, off_m;
    if (!in.digits(2, off_h)) return std::nullopt;
    in.literal(':');
    if (!in.digits(2, off_m)) return std::nullopt;
    offset = std::chrono::minutes(sign * (off_h * 60 + off_m));
  }
  if (!in.at_end()) return std::nullopt;
  auto ymd = std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
             std::chrono::day{static_cast<unsigned>(day)};
  if (!ymd.ok()) return std::nullopt;
  auto local = std::chrono::sys_days{ymd} + std::chrono::hours{hour} +
               std::chrono::minutes{minute} + std::chrono::seconds{second} + fraction - offset;
  return std::chrono::time_point_cast<Clock::duration>(local);
}

}  // namespace troupe::exec
