#include "exec/stderr_lines.hpp"

#include <utility>

namespace troupe::exec {

StderrLines::StderrLines(std::size_t max_bytes, LineHandler on_line)
    : max_bytes_(max_bytes), on_line_(std::move(on_line)) {}

void StderrLines::feed(std::string_view bytes) {
  received_bytes_ += bytes.size();
  while (!bytes.empty()) {
    auto newline = bytes.find('\n');
    std::string_view piece = bytes.substr(0, newline);
    // A line longer than the whole budget is cut rather than accumulated.
    std::size_t room = max_bytes_ > partial_.size() ? max_bytes_ - partial_.size() : 0;
    partial_.append(piece.substr(0, room));
    if (newline == std::string_view::npos) {
      if (partial_.size() >= max_bytes_) flush_partial();
      return;
    }
    std::string line = std::move(partial_);
    partial_.clear();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    emit(std::move(line));
    bytes.remove_prefix(newline + 1);
  }
}

void StderrLines::flush_partial() {
  if (partial_.empty()) return;
  std::string line = std::move(partial_);
  partial_.clear();
  emit(std::move(line));
}

void StderrLines::finish() {
  flush_partial();
  if (!cut_ || cut_noted_) return;
  cut_noted_ = true;
  const std::size_t dropped = received_bytes_ > passed_bytes_ ? received_bytes_ - passed_bytes_ : 0;
  on_line_("[troupe] stderr cut at the limit of " + std::to_string(max_bytes_) + " bytes (" +
           std::to_string(dropped) + " bytes dropped)");
}

void StderrLines::emit(std::string line) {
  tail_.push_back(line.size() > kTailBytes ? line.substr(0, kTailBytes) + "..." : line);
  tail_bytes_ += tail_.back().size();
  while (tail_.size() > kTailLines || (tail_.size() > 1 && tail_bytes_ > kTailBytes)) {
    tail_bytes_ -= tail_.front().size();
    tail_.pop_front();
  }
  if (cut_) return;
  if (passed_bytes_ + line.size() > max_bytes_) {
    cut_ = true;  // the note comes at the end, when the dropped amount is known
    return;
  }
  passed_bytes_ += line.size() + 1;
  on_line_(std::move(line));
}

std::string StderrLines::tail() const {
  std::string joined;
  for (const auto& line : tail_) {
    if (!joined.empty()) joined += '\n';
    joined += line;
  }
  return joined;
}

}  // namespace troupe::exec
