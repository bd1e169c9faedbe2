// F1 / ?: a translucent sheet over the main window listing every action of the registry with its
// CURRENT keys, grouped by category. It is generated from the registry each time it is drawn, so
// a rebinding shows at once. Esc, the help key again or a click closes it.
#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

namespace stts::ui {

class ActionRegistry;

class ShortcutHelpOverlay : public QWidget {
  Q_OBJECT

 public:
  struct Row {
    QString category;
    QString action;
    QString keys;  // empty: the action has no key
  };

  // Covers `window` (and follows its size); hidden until shown.
  ShortcutHelpOverlay(ActionRegistry* registry, QWidget* window);

  // What the sheet lists, in the registry's order, grouped by category.
  QList<Row> rows() const;

 public slots:
  void showOverlay();
  void toggle();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  ActionRegistry* registry_;
  QPointer<QWidget> previousFocus_;
};

}  // namespace stts::ui
