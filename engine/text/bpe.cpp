// Byte-level BPE: GPT-2's byte <-> code point table and merging by rank.
#include <algorithm>
#include <queue>

#include "text_internal.h"

namespace stts::text {

const std::vector<char32_t>& byteToCodePoint() {
  // Bytes that are printable Latin-1 keep their code point; the rest (controls, space, 0x7F-0xA0,
  // 0xAD) are moved to U+0100.. in byte order, so every byte has a visible, unique character.
  static const std::vector<char32_t> table = [] {
    std::vector<char32_t> t(256, 0);
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable =
          (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      t[static_cast<std::size_t>(b)] = printable ? static_cast<char32_t>(b) : next++;
    }
    return t;
  }();
  return table;
}

int codePointToByte(char32_t cp) {
  static const std::vector<int> inverse = [] {
    std::vector<int> inv(512, -1);  // every mapped code point is below U+0200
    const auto& table = byteToCodePoint();
    for (int b = 0; b < 256; ++b) inv[table[static_cast<std::size_t>(b)]] = b;
    return inv;
  }();
  return cp < inverse.size() ? inverse[cp] : -1;
}

Expected<BytePairModel> BytePairModel::build(
    std::unordered_map<std::string, int32_t> vocab,
    const std::vector<std::pair<std::string, std::string>>& merges, const std::string& label) {
  BytePairModel model;
  model.vocab_ = std::move(vocab);
  const auto& table = byteToCodePoint();
  for (int b = 0; b < 256; ++b) {
    std::string s;
    appendUtf8(s, table[static_cast<std::size_t>(b)]);
    auto it = model.vocab_.find(s);
    model.byteIds_[b] = it == model.vocab_.end() ? -1 : it->second;
  }
  // Encoding starts from byte tokens; without any, every text would silently encode to [].
  // (A vocabulary may lack a few bytes, as Hugging Face's tokenizers allows; none is not a
  // tokenizer.)
  if (model.vocab_.empty())
    return makeError(ErrorCode::InvalidData, label + ": the vocabulary is empty");
  if (std::all_of(std::begin(model.byteIds_), std::end(model.byteIds_),
                  [](int32_t id) { return id < 0; }))
    return makeError(ErrorCode::InvalidData,
                     label +
                         ": the vocabulary has none of the 256 byte-level tokens, so it "
                         "cannot spell any text");
  model.merges_.reserve(merges.size());
  for (std::size_t rank = 0; rank < merges.size(); ++rank) {
    // Not a structured binding: lambdas cannot capture those before clang 16 (P1091).
    const std::string& left = merges[rank].first;
    const std::string& right = merges[rank].second;
    auto bad = [&](const std::string& what) {
      return makeError(ErrorCode::InvalidData,
                       label + ": merge " + std::to_string(rank) + " (\"" + left + "\" \"" + right +
                           "\") is inconsistent: " + what + " is not in the vocabulary");
    };
    const auto a = model.vocab_.find(left);
    if (a == model.vocab_.end()) return bad("its first part");
    const auto b = model.vocab_.find(right);
    if (b == model.vocab_.end()) return bad("its second part");
    const auto merged = model.vocab_.find(left + right);
    if (merged == model.vocab_.end()) return bad("the merged token \"" + left + right + "\"");
    // The first occurrence of a pair wins, as in `tokenizers` (a later duplicate is dead).
    model.merges_.try_emplace(pairKey(a->second, b->second),
                              MergeResult{static_cast<int32_t>(rank), merged->second});
  }
  return model;
}

void BytePairModel::encodePiece(std::string_view piece, std::vector<int32_t>* ids) const {
  struct Symbol {
    int32_t id;
    int prev, next;  // neighbours in the shrinking list, -1 at the ends
  };
  std::vector<Symbol> symbols;
  symbols.reserve(piece.size());
  for (char c : piece) {
    const int32_t id = byteIds_[static_cast<unsigned char>(c)];
    if (id < 0) continue;  // a vocabulary without this byte has no way to spell it
    const int index = static_cast<int>(symbols.size());
    symbols.push_back({id, index - 1, -1});
    if (index > 0) symbols[static_cast<std::size_t>(index - 1)].next = index;
  }
  if (symbols.size() <= 1) {
    for (const Symbol& s : symbols) ids->push_back(s.id);
    return;
  }

  // Candidate merges ordered by rank, then by position (leftmost first), as `tokenizers` does.
  // Entries go stale when a neighbour merges; they are checked when popped.
  struct Candidate {
    int32_t rank;
    int left;
    int32_t leftId, rightId, mergedId;
    bool operator>(const Candidate& o) const {
      return rank != o.rank ? rank > o.rank : left > o.left;
    }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
  auto consider = [&](int left) {
    if (left < 0) return;
    const int right = symbols[static_cast<std::size_t>(left)].next;
    if (right < 0) return;
    const int32_t a = symbols[static_cast<std::size_t>(left)].id;
    const int32_t b = symbols[static_cast<std::size_t>(right)].id;
    const auto it = merges_.find(pairKey(a, b));
    if (it != merges_.end()) queue.push({it->second.rank, left, a, b, it->second.id});
  };
  for (int i = 0; i + 1 < static_cast<int>(symbols.size()); ++i) consider(i);

  std::vector<bool> dead(symbols.size(), false);
  while (!queue.empty()) {
    const Candidate top = queue.top();
    queue.pop();
    Symbol& left = symbols[static_cast<std::size_t>(top.left)];
    if (dead[static_cast<std::size_t>(top.left)] || left.id != top.leftId || left.next < 0)
      continue;
    Symbol& right = symbols[static_cast<std::size_t>(left.next)];
    if (right.id != top.rightId) continue;
    left.id = top.mergedId;
    dead[static_cast<std::size_t>(left.next)] = true;
    left.next = right.next;
    if (left.next >= 0) symbols[static_cast<std::size_t>(left.next)].prev = top.left;
    consider(left.prev);
    consider(top.left);
  }
  for (int i = 0; i >= 0; i = symbols[static_cast<std::size_t>(i)].next)
    ids->push_back(symbols[static_cast<std::size_t>(i)].id);
}

}  // namespace stts::text
