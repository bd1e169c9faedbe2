#include "view/colour_maps.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace stts::ui {

namespace {

struct Anchor {
  double position;  // in [0, 1], ascending
  int r, g, b;
};

// Each map is sampled at a few evenly spaced published anchor colours and interpolated linearly in
// sRGB between them. With 9 to 11 anchors the result stays within a few levels of the reference
// tables, which is well under what a heatmap reader can tell apart, and keeps the maps
// perceptually ordered (the property that matters for reading scores).
ColourTable interpolate(std::initializer_list<Anchor> anchors) {
  ColourTable table{};
  const Anchor* begin = anchors.begin();
  const Anchor* end = anchors.end();
  for (int i = 0; i < kColourMapSize; ++i) {
    const double t = double(i) / (kColourMapSize - 1);
    const Anchor* upper =
        std::find_if(begin, end, [t](const Anchor& a) { return a.position >= t; });
    if (upper == begin) upper = begin + 1;
    if (upper == end) upper = end - 1;
    const Anchor& a = *(upper - 1);
    const Anchor& b = *upper;
    const double f = std::clamp((t - a.position) / (b.position - a.position), 0.0, 1.0);
    auto mix = [f](int x, int y) { return int(std::lround(x + (y - x) * f)); };
    table[size_t(i)] = qRgb(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b));
  }
  return table;
}

ColourTable buildViridis() {
  return interpolate({{0.000, 68, 1, 84},
                      {0.125, 71, 44, 122},
                      {0.250, 59, 81, 139},
                      {0.375, 44, 113, 142},
                      {0.500, 33, 144, 141},
                      {0.625, 39, 173, 129},
                      {0.750, 92, 200, 99},
                      {0.875, 170, 220, 50},
                      {1.000, 253, 231, 37}});
}

ColourTable buildMagma() {
  return interpolate({{0.000, 0, 0, 4},
                      {0.125, 28, 16, 68},
                      {0.250, 79, 18, 123},
                      {0.375, 129, 37, 129},
                      {0.500, 181, 54, 122},
                      {0.625, 229, 80, 100},
                      {0.750, 251, 135, 97},
                      {0.875, 254, 194, 135},
                      {1.000, 252, 253, 191}});
}

ColourTable buildTurbo() {
  return interpolate({{0.0, 48, 18, 59},
                      {0.1, 65, 69, 171},
                      {0.2, 70, 117, 237},
                      {0.3, 57, 162, 252},
                      {0.4, 27, 207, 212},
                      {0.5, 36, 236, 166},
                      {0.6, 97, 252, 108},
                      {0.7, 164, 252, 59},
                      {0.8, 243, 198, 58},
                      {0.9, 243, 99, 21},
                      {1.0, 122, 4, 3}});
}

ColourTable buildGrey() {
  ColourTable table{};
  for (int i = 0; i < kColourMapSize; ++i) table[size_t(i)] = qRgb(i, i, i);
  return table;
}

}  // namespace

const ColourTable& colourTable(ColourMap map) {
  static const std::array<ColourTable, kColourMapCount> tables = {buildViridis(), buildMagma(),
                                                                  buildTurbo(), buildGrey()};
  const int index = std::clamp(int(map), 0, kColourMapCount - 1);
  return tables[size_t(index)];
}

QString colourMapKey(ColourMap map) {
  switch (map) {
    case ColourMap::Viridis:
      return QStringLiteral("viridis");
    case ColourMap::Magma:
      return QStringLiteral("magma");
    case ColourMap::Turbo:
      return QStringLiteral("turbo");
    case ColourMap::Grey:
      return QStringLiteral("grey");
  }
  return QStringLiteral("viridis");
}

ColourMap colourMapFromKey(const QString& key, ColourMap fallback) {
  for (int i = 0; i < kColourMapCount; ++i) {
    if (colourMapKey(ColourMap(i)) == key) return ColourMap(i);
  }
  return fallback;
}

QString colourMapDisplayName(ColourMap map) {
  switch (map) {
    case ColourMap::Viridis:
      return QCoreApplication::translate("ColourMap", "Viridis");
    case ColourMap::Magma:
      return QCoreApplication::translate("ColourMap", "Magma");
    case ColourMap::Turbo:
      return QCoreApplication::translate("ColourMap", "Turbo");
    case ColourMap::Grey:
      return QCoreApplication::translate("ColourMap", "Grey");
  }
  return {};
}

}  // namespace stts::ui
