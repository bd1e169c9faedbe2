#include "prompt.h"

#include <algorithm>
#include <cstdio>

namespace stts::llm {

std::vector<int64_t> imageTokenIds(const Molmo2Config& config) {
  const auto& t = config.tokens;
  std::vector<int64_t> ids = {t.imagePatch, t.imageStart, t.imageEnd};
  for (const auto& opt : {t.imageCol, t.lowResImageStart, t.imageLowRes, t.frameStart, t.frameEnd})
    if (opt) ids.push_back(*opt);
  return ids;
}

Expected<PromptLayout> buildVideoPrompt(const Tokenizer& tokenizer, const Molmo2Config& config,
                                        const std::vector<double>& frameTimes,
                                        const std::vector<int32_t>& keptPerFrame,
                                        const std::string& question) {
  if (question.find_first_not_of(" \t\r\n") == std::string::npos)
    return makeError(ErrorCode::InvalidArgument, "the question is empty; ask something");
  if (frameTimes.size() != keptPerFrame.size())
    return makeError(ErrorCode::Internal, "prompt: frame times and kept counts differ in length");
  const auto& tk = config.tokens;
  if (config.useFrameSpecialTokens && (!tk.frameStart || !tk.frameEnd))
    return makeError(ErrorCode::InvalidData,
                     "config.json sets use_frame_special_tokens but lacks frame token ids");
  const auto start =
      static_cast<int32_t>(config.useFrameSpecialTokens ? *tk.frameStart : tk.imageStart);
  const auto end = static_cast<int32_t>(config.useFrameSpecialTokens ? *tk.frameEnd : tk.imageEnd);
  const auto patch = static_cast<int32_t>(tk.imagePatch);

  PromptLayout out;
  out.ids.push_back(kBosId);
  auto append = [&](const std::vector<int32_t>& ids) {
    out.ids.insert(out.ids.end(), ids.begin(), ids.end());
  };
  for (size_t k = 0; k < frameTimes.size(); ++k) {
    // C %.1f rounds the binary value correctly, exactly as Python's format() does.
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%s%.1f ", k > 0 ? " " : "", frameTimes[k]);
    append(tokenizer.encode(stamp));
    out.ids.push_back(start);
    if (keptPerFrame[k] < 0 || keptPerFrame[k] > 81)
      return makeError(ErrorCode::Internal, "prompt: kept cells per frame outside 0..81");
    for (int32_t c = 0; c < keptPerFrame[k]; ++c) {
      out.patchPositions.push_back(static_cast<int64_t>(out.ids.size()));
      out.ids.push_back(patch);
    }
    out.ids.push_back(end);
  }
  append(tokenizer.encode("<|im_start|>user\n" + question + "<|im_end|>\n<|im_start|>assistant\n"));

  const auto image = imageTokenIds(config);
  out.imageToken.reserve(out.ids.size());
  for (int32_t id : out.ids)
    out.imageToken.push_back(std::find(image.begin(), image.end(), id) != image.end() ? 1 : 0);
  const int64_t limit = config.text.maxPositionEmbeddings;
  if (static_cast<int64_t>(out.ids.size()) > limit)
    return makeError(ErrorCode::TooLarge, "the prompt has " + std::to_string(out.ids.size()) +
                                              " tokens, more than the model's " +
                                              std::to_string(limit) +
                                              " positions; use fewer frames or a lower --keep");
  return out;
}

}  // namespace stts::llm
