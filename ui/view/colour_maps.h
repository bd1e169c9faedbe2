// The colour maps of the score overlay (design.md §8), in one place so the GPU path (uploaded as a
// 256 x 1 texture) and the CPU composite (headless export) use exactly the same 256 colours.
#pragma once

#include <QRgb>
#include <QString>
#include <array>

namespace stts::ui {

enum class ColourMap { Viridis, Magma, Turbo, Grey };
inline constexpr int kColourMapCount = 4;
inline constexpr int kColourMapSize = 256;

using ColourTable = std::array<QRgb, kColourMapSize>;

// The 256 entries of `map`, entry 0 for the lowest score. Built once and cached.
const ColourTable& colourTable(ColourMap map);

// Stable names for settings and the command line ("viridis", "magma", "turbo", "grey"), and the
// translated name for menus.
QString colourMapKey(ColourMap map);
ColourMap colourMapFromKey(const QString& key, ColourMap fallback = ColourMap::Viridis);
QString colourMapDisplayName(ColourMap map);

}  // namespace stts::ui
