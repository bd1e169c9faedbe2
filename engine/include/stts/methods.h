// The token-pruning methods a run can use (RunRequest::method), as plain data for the GUI and
// the CLI: no LibTorch, no Qt. docs/baselines.md describes each one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stts {

// Where a method removes tokens, which decides what work it saves.
enum class MethodStage {
  None,           // nothing removed
  VitInput,       // mask from ViT input embeddings (or no features), hard prune after prune_at
  VitScorer,      // STTS: learned scorer after block prune_at, soft bias, prune after block +1
  PostConnector,  // the ViT and connector run in full; only the LLM sees fewer tokens
  InLlm,          // inside the LLM prefill: no ViT saving, only the later LLM layers
};

struct MethodInfo {
  std::string name;              // RunRequest::method value
  std::string label;             // short display name
  std::string description;       // one line
  std::string scoreMeaning;      // what RunResult::scores holds for this method
  bool higherScoreKept = true;   // true: high scores are kept; false: low scores are kept
  bool textConditioned = false;  // the choice depends on the question
  bool needsScorer = false;      // the checkpoint must carry the STTS token scorer
  MethodStage actsOn = MethodStage::None;
};

// Every method, in display order.
inline const std::vector<MethodInfo>& pruningMethods() {
  static const std::vector<MethodInfo> kMethods = {
      {"stts", "STTS", "Learned temporal token scorer in the ViT (needs an STTS checkpoint)",
       "scorer importance (sigmoid, 0..1)", true, false, true, MethodStage::VitScorer},
      {"none", "No pruning", "Every video token reaches the language model", "1 for every cell",
       true, false, false, MethodStage::None},
      {"random", "Random", "Uniformly random cells, seeded; the first frame is not protected",
       "random key in [0, 1)", true, false, false, MethodStage::VitInput},
      {"heuristic", "STTS heuristic",
       "Similarity to a tracked reference frame on ViT input embeddings (STTS repository)",
       "cosine to the reference cell (-1: reference frame, kept)", false, false, false,
       MethodStage::VitInput},
      {"easy", "STTS easy",
       "Similarity to the previous frame on ViT input embeddings (STTS repository)",
       "cosine to the previous frame (-1: scene-cut frame, kept)", false, false, false,
       MethodStage::VitInput},
      {"evs", "EVS",
       "Efficient Video Sampling: global top-K of 1 - cosine to the previous frame, after the "
       "connector",
       "1 - cosine to the same cell of the previous frame (frame 0: 2, forced)", true, false, false,
       MethodStage::PostConnector},
      {"vidcom2", "VidCom2",
       "Per-frame budgets from frame distinctiveness, then least redundant cells, after the "
       "connector",
       "redundancy: video + frame Gaussian similarity", false, false, false,
       MethodStage::PostConnector},
      {"fastv", "FastV",
       "Attention of the last prompt token at an early LLM layer; depends on the question",
       "attention of the last prompt token (head mean)", true, true, false, MethodStage::InLlm},
      {"downsample", "Downsample",
       "Each frame's cells average-pooled to a coarser grid with the budget's token count, after "
       "the connector",
       "pooling regions in four shades, no two neighbours alike (the kept cell of a region stands "
       "for its pooled token)",
       true, false, false, MethodStage::PostConnector},
  };
  return kMethods;
}

// nullptr when `name` is not a method.
inline const MethodInfo* findPruningMethod(std::string_view name) {
  for (const auto& m : pruningMethods())
    if (m.name == name) return &m;
  return nullptr;
}

// "stts, none, random, ..." for error and help messages.
inline std::string pruningMethodNames(std::string_view separator = ", ") {
  std::string out;
  for (const auto& m : pruningMethods()) {
    if (!out.empty()) out += separator;
    out += m.name;
  }
  return out;
}

// Budget policies (RunRequest::budgetPolicy): "equal" keeps exactly as many cells as STTS would
// at the same keep ratio; "native" uses each method's own formula (EVS, VidCom2, FastV differ).
inline bool isBudgetPolicy(std::string_view policy) {
  return policy == "equal" || policy == "native";
}

// Tap points for EVS / VidCom2 (RunRequest::tapPoint): "connector" (default) or "vit".
inline bool isTapPoint(std::string_view tap) {
  return tap == "connector" || tap == "vit";
}

}  // namespace stts
