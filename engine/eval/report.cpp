// From predictions to a report: groups, the printed table and the two SVG plots.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "stts/eval.h"

namespace stts::eval {

namespace {

using GroupKey = std::tuple<std::string, int, double>;  // method, frames, keep

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

// Unpruned runs come first; the rest by name.
bool methodBefore(const std::string& a, const std::string& b) {
  if ((a == "none") != (b == "none")) return a == "none";
  return a < b;
}

std::string escapeXml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Ticks at 1, 2 or 5 times a power of ten, covering [0, top].
std::vector<double> niceTicks(double top, int intervals) {
  if (!(top > 0)) top = 1;
  const double raw = top / intervals;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * power;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (int i = 0; i * step <= top + step * 0.999; ++i) ticks.push_back(i * step);
  return ticks;
}

std::string tickText(double value) {
  if (value >= 1000 && std::fmod(value, 1000) == 0) return format("%.0fk", value / 1000);
  if (std::fabs(value - std::round(value)) < 1e-9) return format("%.0f", value);
  return format("%g", value);
}

struct Series {
  std::string label;
  std::vector<const GroupMetrics*> points;  // by tokens
};

std::vector<Series> seriesOf(const std::vector<GroupMetrics>& groups) {
  std::map<std::pair<std::string, int>, Series> byKey;
  std::vector<std::pair<std::string, int>> order;
  for (const GroupMetrics& g : groups) {
    const auto key = std::make_pair(g.method, g.frames);
    if (!byKey.count(key)) {
      order.push_back(key);
      byKey[key].label = g.method + " · " + std::to_string(g.frames) + " frames";
    }
    byKey[key].points.push_back(&g);
  }
  std::vector<Series> out;
  for (const auto& key : order) {
    Series s = byKey[key];
    std::sort(s.points.begin(), s.points.end(), [](const GroupMetrics* a, const GroupMetrics* b) {
      return a->meanVisionTokens < b->meanVisionTokens;
    });
    out.push_back(std::move(s));
  }
  return out;
}

// A line plot of `value(group)` (with optional [low, high] whiskers) against the mean vision
// tokens, one series per method and frame count. Plain SVG 1.1, text as text.
template <typename Value, typename Range>
std::string plot(const std::vector<GroupMetrics>& groups, const std::string& title,
                 const std::string& yLabel, double yTop, Value value, Range range) {
  static const char* kColours[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                   "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  const std::vector<Series> series = seriesOf(groups);
  const double width = 720, height = 440;
  const double left = 70, right = 200, top = 48, bottom = 56;
  const double plotW = width - left - right, plotH = height - top - bottom;
  double xMax = 0;
  for (const GroupMetrics& g : groups) xMax = std::max(xMax, g.meanVisionTokens);
  const std::vector<double> xTicks = niceTicks(xMax * 1.05, 6);
  const std::vector<double> yTicks = niceTicks(yTop, 5);
  const double xEnd = xTicks.back(), yEnd = yTicks.back();
  auto x = [&](double v) { return left + plotW * v / xEnd; };
  auto y = [&](double v) { return top + plotH * (1.0 - v / yEnd); };

  std::string svg;
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + format("%.0f", width) +
         "\" height=\"" + format("%.0f", height) + "\" viewBox=\"0 0 " + format("%.0f", width) +
         " " + format("%.0f", height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + format("%.1f", left + plotW / 2) +
         "\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">" +
         escapeXml(title) + "</text>\n";
  for (double t : xTicks) {
    svg += "<line x1=\"" + format("%.1f", x(t)) + "\" y1=\"" + format("%.1f", top) + "\" x2=\"" +
           format("%.1f", x(t)) + "\" y2=\"" + format("%.1f", top + plotH) +
           "\" stroke=\"#e6e6e6\"/>\n";
    svg += "<text x=\"" + format("%.1f", x(t)) + "\" y=\"" + format("%.1f", top + plotH + 18) +
           "\" text-anchor=\"middle\">" + tickText(t) + "</text>\n";
  }
  for (double t : yTicks) {
    svg += "<line x1=\"" + format("%.1f", left) + "\" y1=\"" + format("%.1f", y(t)) + "\" x2=\"" +
           format("%.1f", left + plotW) + "\" y2=\"" + format("%.1f", y(t)) +
           "\" stroke=\"#e6e6e6\"/>\n";
    svg += "<text x=\"" + format("%.1f", left - 8) + "\" y=\"" + format("%.1f", y(t) + 4) +
           "\" text-anchor=\"end\">" + tickText(t) + "</text>\n";
  }
  svg += "<rect x=\"" + format("%.1f", left) + "\" y=\"" + format("%.1f", top) + "\" width=\"" +
         format("%.1f", plotW) + "\" height=\"" + format("%.1f", plotH) +
         "\" fill=\"none\" stroke=\"#444\"/>\n";
  svg += "<text x=\"" + format("%.1f", left + plotW / 2) + "\" y=\"" + format("%.1f", height - 14) +
         "\" text-anchor=\"middle\">vision tokens to the LLM (mean per sample)</text>\n";
  svg += "<text transform=\"translate(18 " + format("%.1f", top + plotH / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + escapeXml(yLabel) + "</text>\n";
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string colour = kColours[s % std::size(kColours)];
    std::string points;
    for (const GroupMetrics* g : series[s].points) {
      points += format("%.1f", x(g->meanVisionTokens)) + "," + format("%.1f", y(value(*g))) + " ";
    }
    svg += "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"" +
           points + "\"/>\n";
    for (const GroupMetrics* g : series[s].points) {
      const auto [low, high] = range(*g);
      if (high > low) {
        svg += "<line x1=\"" + format("%.1f", x(g->meanVisionTokens)) + "\" y1=\"" +
               format("%.1f", y(low)) + "\" x2=\"" + format("%.1f", x(g->meanVisionTokens)) +
               "\" y2=\"" + format("%.1f", y(high)) + "\" stroke=\"" + colour + "\"/>\n";
      }
      svg += "<circle cx=\"" + format("%.1f", x(g->meanVisionTokens)) + "\" cy=\"" +
             format("%.1f", y(value(*g))) + "\" r=\"4\" fill=\"" + colour + "\"><title>" +
             escapeXml(series[s].label) + ", keep " + format("%.2f", g->keep) +
             "</title></circle>\n";
    }
    const double ly = top + 8 + 20.0 * double(s);
    svg += "<line x1=\"" + format("%.1f", left + plotW + 16) + "\" y1=\"" + format("%.1f", ly) +
           "\" x2=\"" + format("%.1f", left + plotW + 40) + "\" y2=\"" + format("%.1f", ly) +
           "\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
    svg += "<text x=\"" + format("%.1f", left + plotW + 46) + "\" y=\"" + format("%.1f", ly + 4) +
           "\">" + escapeXml(series[s].label) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace

std::vector<GroupMetrics> aggregate(const std::vector<Prediction>& predictions) {
  std::map<GroupKey, std::vector<const Prediction*>> byGroup;
  for (const Prediction& p : predictions) byGroup[{p.method, p.frames, p.keep}].push_back(&p);
  std::vector<GroupMetrics> groups;
  for (const auto& [key, members] : byGroup) {
    GroupMetrics g;
    std::tie(g.method, g.frames, g.keep) = key;
    int64_t hits = 0, n = 0;
    std::vector<double> tokens, before, prompt, totals;
    std::vector<std::string> stageOrder;
    std::map<std::string, std::vector<double>> stageValues;
    for (const Prediction* p : members) {
      if (!p->error.empty()) {
        ++g.errors;
        continue;
      }
      ++n;
      hits += p->correct ? 1 : 0;
      tokens.push_back(double(p->visionTokensAfter));
      before.push_back(double(p->visionTokensBefore));
      prompt.push_back(double(p->promptTokens));
      totals.push_back(p->totalMs());
      for (const auto& [name, ms] : p->stageMs) {
        if (!stageValues.count(name)) stageOrder.push_back(name);
        stageValues[name].push_back(ms);
      }
    }
    g.accuracy = wilsonInterval(hits, n);
    g.meanVisionTokens = mean(tokens);
    g.meanVisionTokensBefore = mean(before);
    g.meanPromptTokens = mean(prompt);
    g.meanTotalMs = mean(totals);
    g.medianTotalMs = median(totals);
    for (const std::string& name : stageOrder)
      g.stages.push_back({name, mean(stageValues[name]), median(stageValues[name])});
    groups.push_back(std::move(g));
  }
  auto prefillOf = [](const GroupMetrics& g) {
    for (const StageSummary& s : g.stages)
      if (s.name == "prefill") return s.medianMs;
    return 0.0;
  };
  for (GroupMetrics& g : groups) {
    for (const GroupMetrics& base : groups) {
      if (base.method != "none" || base.frames != g.frames) continue;
      if (prefillOf(g) > 0 && prefillOf(base) > 0)
        g.prefillSpeedup = prefillOf(base) / prefillOf(g);
      if (g.medianTotalMs > 0 && base.medianTotalMs > 0)
        g.totalSpeedup = base.medianTotalMs / g.medianTotalMs;
    }
  }
  std::sort(groups.begin(), groups.end(), [](const GroupMetrics& a, const GroupMetrics& b) {
    if (a.method != b.method) return methodBefore(a.method, b.method);
    if (a.frames != b.frames) return a.frames < b.frames;
    return a.keep > b.keep;
  });
  return groups;
}

std::string resultsTable(const std::vector<GroupMetrics>& groups) {
  std::string out =
      "| method | frames | keep | vision tokens | n | accuracy (95 % CI) | prefill ms | prefill "
      "speedup | total speedup |\n|---|---:|---:|---:|---:|---|---:|---:|---:|\n";
  for (const GroupMetrics& g : groups) {
    double prefill = 0;
    for (const StageSummary& s : g.stages)
      if (s.name == "prefill") prefill = s.medianMs;
    out += "| " + g.method + " | " + std::to_string(g.frames) + " | " + format("%.2f", g.keep) +
           " | " + format("%.0f", g.meanVisionTokens) + " | " + std::to_string(g.accuracy.n) +
           (g.errors > 0 ? " (+" + std::to_string(g.errors) + " failed)" : std::string()) + " | " +
           format("%.1f", 100 * g.accuracy.value) + " % (" + format("%.1f", 100 * g.accuracy.low) +
           "–" + format("%.1f", 100 * g.accuracy.high) + ") | " + format("%.1f", prefill) + " | " +
           (g.prefillSpeedup > 0 ? format("%.2f×", g.prefillSpeedup) : std::string("–")) + " | " +
           (g.totalSpeedup > 0 ? format("%.2f×", g.totalSpeedup) : std::string("–")) + " |\n";
  }
  return out;
}

std::string accuracyVsTokensSvg(const std::vector<GroupMetrics>& groups, const std::string& title) {
  return plot(
      groups, title, "accuracy (%), 95 % interval", 100.0,
      [](const GroupMetrics& g) { return 100.0 * g.accuracy.value; },
      [](const GroupMetrics& g) {
        return std::make_pair(100.0 * g.accuracy.low, 100.0 * g.accuracy.high);
      });
}

std::string latencyVsTokensSvg(const std::vector<GroupMetrics>& groups, const std::string& title) {
  auto prefill = [](const GroupMetrics& g) {
    for (const StageSummary& s : g.stages)
      if (s.name == "prefill") return s.medianMs;
    return 0.0;
  };
  double top = 0;
  for (const GroupMetrics& g : groups) top = std::max(top, prefill(g));
  return plot(groups, title, "prefill time (ms, median)", top * 1.05, prefill,
              [](const GroupMetrics&) { return std::make_pair(0.0, 0.0); });
}

}  // namespace stts::eval
