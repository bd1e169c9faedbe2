// The result of one run, as plain C++ values: no LibTorch, no Qt. Produced by the pipeline,
// saved and loaded by the run file, drawn by the UI. Shared immutably between threads
// (std::shared_ptr<const RunResult>).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "stts/video.h"

namespace stts {

inline constexpr int kCellsPerFrame = 81;  // 9 x 9 pooled cells per frame (3 x 3 patches each)
inline constexpr int kCellGrid = 9;

// What the user asked for.
struct RunRequest {
  std::string videoPath;
  std::string modelPath;
  SamplingSpec sampling;
  std::string question;         // empty for a vision-only (score) run
  std::string method = "stts";  // a name from stts/methods.h: stts, none, random, heuristic, ...
  double keepRatio = 0.5;       // fraction of video cells kept (STTS topk = 1 - keepRatio)
  // "equal": every method keeps exactly the cells STTS keeps at keepRatio; "native": each
  // method's own count formula (prune::keptCellCount).
  std::string budgetPolicy = "equal";
  int fastvLayer = 2;  // FastV: layer K whose input loses the pruned vision tokens (1..layers-1)
  // Where EVS / VidCom2 read their features: "connector" (the projector output; the ViT runs in
  // full, only the LLM is saved) or "vit" (block prune_at output, 9 patches per cell, then the
  // same hard prune as random: saves ViT work). Other methods ignore it.
  std::string tapPoint = "connector";
  uint64_t seed = 0;              // random
  std::string device = "cpu";     // "cpu", "cuda", "cuda:1"
  std::string dtype = "float32";  // "float32", "bfloat16"
  int maxNewTokens = 200;
};

// One stage of the pipeline (design.md §4): decode, preprocess, vit_pre, select, vit_bias, pack,
// vit_post, connector, prefill, decode_tokens.
struct StageTiming {
  std::string name;
  double milliseconds = 0.0;
  std::string device;
  int64_t tokens = 0;  // tokens processed by the stage (ViT patches, LLM tokens)
};

struct RunResult {
  RunRequest request;
  VideoInfo video;
  // Video identity, so a run can tell whether the file it was made from has changed.
  int64_t videoFileSize = 0;
  int64_t videoMtime = 0;     // seconds since the epoch
  std::string videoHeadHash;  // hex hash of the first MiB
  // Model identity.
  std::string modelConfigHash;  // hex hash of config.json
  bool modelHasScorer = false;

  int frames = 0;                     // T
  std::vector<double> frameTime;      // [T] requested sample times (the model's timestamps)
  std::vector<int64_t> framePts;      // [T] PTS of the frames used
  std::vector<int64_t> frameNumber;   // [T] raw frame numbers
  std::vector<float> scores;          // [T * 81] per-cell score (meaning depends on method)
  std::vector<uint8_t> keep;          // [T * 81] 1 = kept
  std::vector<int32_t> keptPerFrame;  // [T]
  int64_t visionTokensBefore = 0;     // 81 * T
  int64_t visionTokensAfter = 0;      // kept cells reaching the LLM
  std::map<std::string, std::vector<float>> extras;  // method-specific per-cell or per-frame data

  // Model-input frames (378 x 378 RGB after the exact resize), optional: lets a run reopen
  // without the video.
  int inputWidth = 0;
  int inputHeight = 0;
  std::vector<uint8_t> inputFrames;  // [T * H * W * 3]

  std::string answer;
  std::vector<int32_t> answerTokens;
  int64_t promptTokens = 0;

  std::vector<StageTiming> timings;
  // How `timings` were measured: "cuda_events" (events on the stream, one synchronise after the
  // run) or "steady_clock" (CPU); warm-up runs discarded and runs whose per-stage median is
  // reported (stts score|run --warmup W --repeat N; 0 and 1 for a single run).
  std::string timingClock = "steady_clock";
  int timingWarmup = 0;
  int timingRepeats = 1;
  int64_t peakMemoryBytes = 0;        // host: peak resident set size of the process
  int64_t peakDeviceMemoryBytes = 0;  // GPU: caching allocator's peak during the run (0 on CPU)
  std::map<std::string, std::string> versions;  // engine, libtorch, device
};

}  // namespace stts
