#include "charts/stage_colours.h"

#include <QHash>

namespace stts::ui {

QColor stageColour(const QString& stage, int position) {
  static const QHash<QString, QColor> known = {
      {QStringLiteral("decode"), QColor(0x8c, 0x8c, 0x8c)},
      {QStringLiteral("preprocess"), QColor(0xb0, 0x7a, 0xa1)},
      {QStringLiteral("vit_pre"), QColor(0x1f, 0x77, 0xb4)},
      {QStringLiteral("select"), QColor(0xd6, 0x27, 0x28)},
      {QStringLiteral("vit_bias"), QColor(0x9e, 0xda, 0xe5)},
      {QStringLiteral("pack"), QColor(0xbc, 0xbd, 0x22)},
      {QStringLiteral("vit_post"), QColor(0x17, 0xbe, 0xcf)},
      {QStringLiteral("connector"), QColor(0x2c, 0xa0, 0x2c)},
      {QStringLiteral("prefill"), QColor(0xff, 0x7f, 0x0e)},
      {QStringLiteral("decode_tokens"), QColor(0xff, 0xbb, 0x78)},
  };
  if (auto it = known.find(stage); it != known.end()) return it.value();
  return QColor::fromHsv((position * 67) % 360, 140, 200);
}

}  // namespace stts::ui
