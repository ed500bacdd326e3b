#include "plan/tag_expression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace troupe::plan {

enum class NodeKind { True, Literal, And, Or, Not };

struct TagExpression::Node {
  NodeKind kind = NodeKind::True;
  std::string value;                  // Literal
  std::unique_ptr<const Node> left;   // And, Or, Not
  std::unique_ptr<const Node> right;  // And, Or
  int depth = 1;
};

namespace {

using Node = TagExpression::Node;
using NodePtr = std::unique_ptr<const Node>;

// Evaluation, printing and destruction recurse over the tree: a bound on its depth keeps a
// hostile expression (`not not not ...` a million times) from overflowing the stack.
constexpr int kMaxDepth = 1000;

bool is_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// The whole UTF-8 sequence starting at `pos`, so that error messages never cut a character.
std::string_view utf8_char_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
  }
  return text.substr(pos, std::min(length, text.size() - pos));
}

class Parser {
 public:
  explicit Parser(std::string_view infix) : infix_(infix) {}

  NodePtr parse() {
    const std::vector<std::string> tokens = tokenize();
    if (tokens.empty()) return std::make_unique<Node>();

    bool expect_operand = true;
    for (const std::string& token : tokens) {
      if (token == "not") {
        expect(expect_operand, true);
        operators_.push_back(token);
      } else if (token == "and" || token == "or") {
        expect(expect_operand, false);
        // All operators here are left-associative: pop while the stacked one binds as tight.
        while (!operators_.empty() && is_operator(operators_.back()) &&
               precedence(token) <= precedence(operators_.back())) {
          push_expression(pop_operator());
        }
        operators_.push_back(token);
        expect_operand = true;
      } else if (token == "(") {
        expect(expect_operand, true);
        operators_.push_back(token);
      } else if (token == ")") {
        expect(expect_operand, false);
        while (!operators_.empty() && operators_.back() != "(") push_expression(pop_operator());
        if (operators_.empty()) fail("Unmatched ).");
        operators_.pop_back();
      } else {
        expect(expect_operand, true);
        push_expression(token);
        expect_operand = false;
      }
    }
    // An expression cannot end where an operand is due ("a and", "not").
    expect(expect_operand, false);
    while (!operators_.empty()) {
      if (operators_.back() == "(") fail("Unmatched (.");
      push_expression(pop_operator());
    }
    return pop_expression();
  }

 private:
  std::vector<std::string> tokenize() const {
    std::vector<std::string> tokens;
    std::string token;
    bool escaped = false;
    for (std::size_t i = 0; i < infix_.size(); ++i) {
      const char c = infix_[i];
      if (escaped) {
        if (c == '(' || c == ')' || c == '\\' || is_whitespace(c)) {
          token += c;
          escaped = false;
        } else {
          fail(fmt::format("Illegal escape before \"{}\".", utf8_char_at(infix_, i)));
        }
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '(' || c == ')' || is_whitespace(c)) {
        if (!token.empty()) tokens.push_back(std::exchange(token, {}));
        if (!is_whitespace(c)) tokens.emplace_back(1, c);
      } else {
        token += c;
      }
    }
    // A trailing lone backslash escapes nothing; the reference drops it silently.
    if (!token.empty()) tokens.push_back(std::move(token));
    return tokens;
  }

  static bool is_operator(const std::string& token) {
    return token == "and" || token == "or" || token == "not";
  }

  static int precedence(const std::string& token) {
    if (token == "or") return 0;
    if (token == "and") return 1;
    if (token == "not") return 2;
    return -1;  // parentheses
  }

  void expect(bool expect_operand, bool is_operand) const {
    if (expect_operand != is_operand)
      fail(expect_operand ? "Expected operand." : "Expected operator.");
  }

  [[noreturn]] void fail(const std::string& reason) const {
    throw TagExpressionError(fmt::format(
        "Tag expression \"{}\" could not be parsed because of syntax error: {}", infix_, reason));
  }

  std::string pop_operator() {
    std::string op = std::move(operators_.back());
    operators_.pop_back();
    return op;
  }

  NodePtr pop_expression() {
    // The operand/operator checks make this unreachable; kept so a logic slip is an error, not UB.
    if (expressions_.empty()) {
      throw TagExpressionError(fmt::format(
          "Tag expression \"{}\" could not be parsed because of an empty stack", infix_));
    }
    NodePtr node = std::move(expressions_.back());
    expressions_.pop_back();
    return node;
  }

  void push_expression(const std::string& token) {
    auto node = std::make_unique<Node>();
    if (token == "and" || token == "or") {
      node->kind = token == "and" ? NodeKind::And : NodeKind::Or;
      node->right = pop_expression();
      node->left = pop_expression();
      node->depth = 1 + std::max(node->left->depth, node->right->depth);
    } else if (token == "not") {
      node->kind = NodeKind::Not;
      node->left = pop_expression();
      node->depth = 1 + node->left->depth;
    } else {
      node->kind = NodeKind::Literal;
      node->value = token;
    }
    if (node->depth > kMaxDepth) {
      throw TagExpressionError(fmt::format(
          "Tag expression \"{}\" could not be parsed because it nests deeper than {} levels.",
          infix_, kMaxDepth));
    }
    expressions_.push_back(std::move(node));
  }

  std::string_view infix_;
  std::vector<std::string> operators_;
  std::vector<NodePtr> expressions_;
};

bool evaluate_node(const Node& node, const std::vector<std::string>& tags) {
  switch (node.kind) {
    case NodeKind::True:
      return true;
    case NodeKind::Literal:
      return std::find(tags.begin(), tags.end(), node.value) != tags.end();
    case NodeKind::And:
      return evaluate_node(*node.left, tags) && evaluate_node(*node.right, tags);
    case NodeKind::Or:
      return evaluate_node(*node.left, tags) || evaluate_node(*node.right, tags);
    case NodeKind::Not:
      return !evaluate_node(*node.left, tags);
  }
  return false;
}

void print_node(const Node& node, std::string& out) {
  switch (node.kind) {
    case NodeKind::True:
      return;
    case NodeKind::Literal:
      for (const char c : node.value) {
        if (c == '\\' || c == '(' || c == ')' || is_whitespace(c)) out += '\\';
        out += c;
      }
      return;
    case NodeKind::And:
    case NodeKind::Or:
      out += "( ";
      print_node(*node.left, out);
      out += node.kind == NodeKind::And ? " and " : " or ";
      print_node(*node.right, out);
      out += " )";
      return;
    case NodeKind::Not:
      // Binary operators already print their own parentheses.
      if (node.left->kind == NodeKind::And || node.left->kind == NodeKind::Or) {
        out += "not ";
        print_node(*node.left, out);
      } else {
        out += "not ( ";
        print_node(*node.left, out);
        out += " )";
      }
      return;
  }
}

}  // namespace

TagExpression TagExpression::parse(std::string_view infix) {
  return TagExpression(Parser(infix).parse());
}

bool TagExpression::evaluate(const std::vector<std::string>& tags) const {
  return evaluate_node(*root_, tags);
}

std::string TagExpression::to_string() const {
  std::string out;
  print_node(*root_, out);
  return out;
}

}  // namespace troupe::plan
