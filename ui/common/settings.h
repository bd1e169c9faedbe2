// The application's QSettings, named explicitly so that a test (which sets its own organisation
// or redirects QSettings::setPath) and the real app agree on where settings live.
#pragma once

#include <QSettings>
#include <memory>

namespace stts::ui {

inline std::unique_ptr<QSettings> appSettings() {
  return std::make_unique<QSettings>(QStringLiteral("STTS Lens"), QStringLiteral("stts-lens"));
}

}  // namespace stts::ui
