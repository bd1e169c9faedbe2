#include "actions/shortcut_help_overlay.h"

#include <QApplication>
#include <QCoreApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QWindow>
#include <algorithm>

#include "actions/action_registry.h"
#include "actions/shortcut_settings.h"

namespace stts::ui {

namespace {

constexpr int kMargin = 32;
constexpr int kColumnGap = 36;
constexpr int kKeyGap = 16;

struct Block {
  QString category;
  QList<ShortcutHelpOverlay::Row> rows;
};

QList<Block> groupByCategory(const QList<ShortcutHelpOverlay::Row>& rows) {
  QList<Block> blocks;
  for (const auto& row : rows) {
    auto it = std::find_if(blocks.begin(), blocks.end(),
                           [&](const Block& b) { return b.category == row.category; });
    if (it == blocks.end()) {
      blocks.append({row.category, {}});
      it = blocks.end() - 1;
    }
    it->rows.append(row);
  }
  return blocks;
}

}  // namespace

ShortcutHelpOverlay::ShortcutHelpOverlay(ActionRegistry* registry, QWidget* window)
    : QWidget(window), registry_(registry) {
  setObjectName(QStringLiteral("shortcutHelpOverlay"));
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_NoSystemBackground);
  hide();
  window->installEventFilter(this);
}

QList<ShortcutHelpOverlay::Row> ShortcutHelpOverlay::rows() const {
  QList<Row> rows;
  for (const ActionDefinition& definition : ActionRegistry::definitions()) {
    rows.append({QCoreApplication::translate("ActionRegistry", definition.category),
                 plainActionText(*registry_, definition.id),
                 shortcutsText(registry_->action(definition.id)->shortcuts())});
  }
  // Categories in the order they first appear, actions in table order inside each.
  QList<Row> grouped;
  for (const Block& block : groupByCategory(rows)) grouped += block.rows;
  return grouped;
}

void ShortcutHelpOverlay::showOverlay() {
  if (QWidget* parent = parentWidget()) setGeometry(parent->rect());
  previousFocus_ = QApplication::focusWidget();
  show();
  raise();
  setFocus(Qt::OtherFocusReason);
  qApp->installEventFilter(this);
}

void ShortcutHelpOverlay::toggle() {
  if (isVisible()) {
    hide();
  } else {
    showOverlay();
  }
}

bool ShortcutHelpOverlay::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) {
    setGeometry(parentWidget()->rect());
  }
  // While the sheet is up, Esc closes it wherever the focus is in this window (Esc is also the
  // Ask panel's Cancel key, which must not fire underneath). The override comes first and stops
  // the shortcut; the press that follows is eaten too.
  const bool keyEvent =
      event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress;
  if (keyEvent && isVisible() && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
    auto* widget = qobject_cast<QWidget*>(watched);
    auto* window = qobject_cast<QWindow*>(watched);
    const QWidget* host = parentWidget() ? parentWidget()->window() : nullptr;
    const bool ours =
        (widget && widget->window() == host) || (window && host && host->windowHandle() == window);
    if (ours) {
      event->accept();
      if (event->type() == QEvent::ShortcutOverride) hide();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void ShortcutHelpOverlay::mousePressEvent(QMouseEvent* event) {
  hide();
  event->accept();
}

void ShortcutHelpOverlay::hideEvent(QHideEvent* event) {
  qApp->removeEventFilter(this);
  if (previousFocus_) previousFocus_->setFocus(Qt::OtherFocusReason);
  QWidget::hideEvent(event);
}

void ShortcutHelpOverlay::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), QColor(10, 12, 16, 232));

  QFont titleFont = font();
  titleFont.setPointSizeF(font().pointSizeF() * 1.5);
  titleFont.setBold(true);
  QFont headingFont = font();
  headingFont.setBold(true);
  const QFontMetrics body(font());
  const QFontMetrics heading(headingFont);
  const QFontMetrics title(titleFont);

  painter.setPen(Qt::white);
  painter.setFont(titleFont);
  const QRect titleRect(kMargin, kMargin, width() - 2 * kMargin, title.height());
  painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, tr("Keyboard Shortcuts"));
  painter.setFont(font());
  painter.setPen(QColor(190, 196, 205));
  painter.drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter,
                   tr("Change them in Preferences · Esc or a click closes this"));

  // Category blocks flow into as many columns as fit, each block into the shortest column.
  const QList<Block> blocks = groupByCategory(rows());
  int actionWidth = 0;
  int keyWidth = 0;
  for (const Block& block : blocks) {
    for (const Row& row : block.rows) {
      actionWidth = std::max(actionWidth, body.horizontalAdvance(row.action));
      keyWidth = std::max(keyWidth, body.horizontalAdvance(row.keys));
    }
  }
  const int columnWidth = actionWidth + kKeyGap + keyWidth;
  const int available = width() - 2 * kMargin;
  const int columns = std::clamp((available + kColumnGap) / (columnWidth + kColumnGap), 1, 4);
  const int top = titleRect.bottom() + 18;
  std::vector<int> columnY(size_t(columns), top);
  const int lineHeight = body.height() + 3;
  for (const Block& block : blocks) {
    const auto column = size_t(std::min_element(columnY.begin(), columnY.end()) - columnY.begin());
    const int x = kMargin + int(column) * (columnWidth + kColumnGap);
    int y = columnY[column];
    painter.setFont(headingFont);
    painter.setPen(palette().color(QPalette::Highlight).lighter(140));
    painter.drawText(QRect(x, y, columnWidth, heading.height()), Qt::AlignLeft, block.category);
    y += heading.height() + 4;
    painter.setFont(font());
    for (const Row& row : block.rows) {
      painter.setPen(QColor(230, 232, 236));
      painter.drawText(QRect(x, y, actionWidth, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                       row.action);
      painter.setPen(row.keys.isEmpty() ? QColor(130, 134, 140) : QColor(255, 214, 120));
      painter.drawText(QRect(x + actionWidth + kKeyGap, y, keyWidth, lineHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, row.keys.isEmpty() ? tr("—") : row.keys);
      y += lineHeight;
    }
    columnY[column] = y + 14;
  }
}

}  // namespace stts::ui
