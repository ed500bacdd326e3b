#pragma once
// The capture groups of a regex match as a tree: a parameter's value and the groups nested in it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "troupe/cucumber_expressions/std_regex.hpp"

namespace troupe::cucumber_expressions {

struct Group {
  std::optional<std::string> value;  // empty when the group did not take part in the match
  std::vector<Group> children;
};

// The shape of the capturing groups of a regex source, found once and reused for every match.
// Non-capturing groups and lookarounds vanish: their capturing descendants attach to the parent.
class GroupShape {
 public:
  explicit GroupShape(std::string_view source) {
    std::vector<Node*> open;
    open.push_back(&root_);
    std::vector<bool> capturing_stack;
    int next_index = 1;
    bool escaping = false;
    bool in_class = false;
    for (std::size_t i = 0; i < source.size(); ++i) {
      const char c = source[i];
      if (escaping) {
        escaping = false;
      } else if (c == '\\') {
        escaping = true;
      } else if (in_class) {
        in_class = c != ']';
      } else if (c == '[') {
        in_class = true;
      } else if (c == '(') {
        const bool capturing = !(i + 1 < source.size() && source[i + 1] == '?');
        capturing_stack.push_back(capturing);
        if (capturing) {
          open.back()->children.push_back(Node{next_index++, {}});
          open.push_back(&open.back()->children.back());
        }
      } else if (c == ')' && !capturing_stack.empty()) {
        if (capturing_stack.back()) open.pop_back();
        capturing_stack.pop_back();
      }
    }
  }

  // Builds the group tree of a match; the root stands for the whole match.
  Group build(const std::smatch& match) const { return build(root_, match); }

  std::size_t top_level_count() const { return root_.children.size(); }

 private:
  struct Node {
    int index;
    std::vector<Node> children;
  };

  static Group build(const Node& node, const std::smatch& match) {
    Group group;
    const auto& sub = match[node.index];
    if (sub.matched) group.value = sub.str();
    for (const auto& child : node.children) group.children.push_back(build(child, match));
    return group;
  }

  Node root_{0, {}};
};

}  // namespace troupe::cucumber_expressions
