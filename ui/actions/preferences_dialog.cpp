#include "actions/preferences_dialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "common/settings.h"

namespace stts::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

}  // namespace

PreferencesDialog::PreferencesDialog(ActionRegistry* registry, QWidget* parent)
    : QDialog(parent), registry_(registry), bindings_(currentBindings(*registry)) {
  setObjectName(QStringLiteral("preferencesDialog"));
  setWindowTitle(tr("Preferences"));
  buildUi();
  fillTree();
  selectAction(ActionRegistry::definitions().front().id);
  resize(640, 560);
}

void PreferencesDialog::buildUi() {
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(
      tr("Keyboard shortcuts. Select an action, then click a key field and press the keys."), this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  tree_ = new QTreeWidget(this);
  tree_->setObjectName(QStringLiteral("shortcutTree"));
  tree_->setColumnCount(2);
  tree_->setHeaderLabels({tr("Action"), tr("Keys")});
  tree_->setRootIsDecorated(false);
  tree_->setUniformRowHeights(true);
  tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  layout->addWidget(tree_, 1);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item && item->data(0, kIdRole).isValid()) {
      selected_ = ActionId(item->data(0, kIdRole).toInt());
      conflictLabel_->hide();  // an old refusal is about another action
      showSelected();
    }
  });

  selectedLabel_ = new QLabel(this);
  selectedLabel_->setObjectName(QStringLiteral("selectedActionLabel"));
  layout->addWidget(selectedLabel_);
  auto* form = new QFormLayout;
  for (int slot = 0; slot < 2; ++slot) {
    editors_[slot] = new QKeySequenceEdit(this);
    editors_[slot]->setObjectName(slot == 0 ? QStringLiteral("primaryKeyEdit")
                                            : QStringLiteral("alternativeKeyEdit"));
    connect(editors_[slot], &QKeySequenceEdit::editingFinished, this,
            &PreferencesDialog::commitEditors);
  }
  form->addRow(tr("&Key:"), editors_[0]);
  form->addRow(tr("&Alternative key:"), editors_[1]);
  layout->addLayout(form);

  auto* row = new QHBoxLayout;
  auto* clear = new QPushButton(tr("&Clear Keys"), this);
  auto* reset = new QPushButton(tr("Reset &This Action"), this);
  row->addWidget(clear);
  row->addWidget(reset);
  row->addStretch(1);
  layout->addLayout(row);
  connect(clear, &QPushButton::clicked, this, [this] { setBinding(selected_, {}); });
  connect(reset, &QPushButton::clicked, this, [this] { resetBinding(selected_); });

  conflictLabel_ = new QLabel(this);
  conflictLabel_->setObjectName(QStringLiteral("conflictLabel"));
  conflictLabel_->setWordWrap(true);
  conflictLabel_->setStyleSheet(QStringLiteral("color: #d04040;"));
  conflictLabel_->hide();
  layout->addWidget(conflictLabel_);

  // Frame memory: the store keeps every sampled frame as a drawing copy within this budget.
  auto* memoryForm = new QFormLayout;
  frameMemory_ = new QSpinBox(this);
  frameMemory_->setObjectName(QStringLiteral("frameMemoryBox"));
  frameMemory_->setRange(kMinimumFrameMemoryMiB, kMaximumFrameMemoryMiB);
  frameMemory_->setSingleStep(256);
  frameMemory_->setSuffix(tr(" MiB"));
  frameMemory_->setValue(savedFrameMemoryMiB());
  frameMemory_->setToolTip(
      tr("Memory for the pictures of one opened video or run. Every sampled frame is kept at a "
         "size that fits this budget (full resolution is decoded again for exports, the model and "
         "close zoom). Applies to videos and runs opened afterwards."));
  memoryForm->addRow(tr("&Frame memory:"), frameMemory_);
  layout->addLayout(memoryForm);

  auto* buttons = new QDialogButtonBox(
      QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
  buttons->button(QDialogButtonBox::RestoreDefaults)->setText(tr("Reset &All"));
  connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
          &PreferencesDialog::resetAllBindings);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    apply();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

void PreferencesDialog::fillTree() {
  QHash<QString, QTreeWidgetItem*> categories;
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    const QString category = QCoreApplication::translate("ActionRegistry", row.category);
    QTreeWidgetItem*& parent = categories[category];
    if (!parent) {
      parent = new QTreeWidgetItem(tree_, {category});
      parent->setFlags(Qt::ItemIsEnabled);
      QFont bold = parent->font(0);
      bold.setBold(true);
      parent->setFont(0, bold);
    }
    auto* item = new QTreeWidgetItem(parent, {plainActionText(*registry_, row.id)});
    item->setData(0, kIdRole, int(row.id));
    items_.insert(row.id, item);
    refreshItem(row.id);
  }
  tree_->expandAll();
}

void PreferencesDialog::refreshItem(ActionId id) {
  QTreeWidgetItem* item = items_.value(id);
  if (!item) return;
  item->setText(1, shortcutsText(bindings_.value(id)));
  // Changed keys stand out, so a user sees at a glance what differs from the defaults.
  QFont font = item->font(1);
  font.setItalic(bindings_.value(id) != ActionRegistry::definition(id).defaultShortcuts);
  item->setFont(1, font);
}

void PreferencesDialog::selectAction(ActionId id) {
  selected_ = id;
  conflictLabel_->hide();
  if (QTreeWidgetItem* item = items_.value(id)) tree_->setCurrentItem(item);
  showSelected();
}

void PreferencesDialog::showSelected() {
  selectedLabel_->setText(tr("Keys for “%1”").arg(plainActionText(*registry_, selected_)));
  const QList<QKeySequence> keys = bindings_.value(selected_);
  updatingEditors_ = true;
  for (int slot = 0; slot < 2; ++slot) {
    editors_[slot]->setKeySequence(slot < keys.size() ? keys.at(slot) : QKeySequence());
  }
  updatingEditors_ = false;
}

QKeySequenceEdit* PreferencesDialog::keyEdit(int slot) const {
  return editors_[slot == 0 ? 0 : 1];
}

QString PreferencesDialog::conflictText() const {
  return conflictLabel_->isHidden() ? QString() : conflictLabel_->text();
}

void PreferencesDialog::commitEditors() {
  if (updatingEditors_) return;
  QList<QKeySequence> keys;
  for (QKeySequenceEdit* editor : editors_) {
    if (!editor->keySequence().isEmpty()) keys << editor->keySequence();
  }
  // More than two keys (the table allows it) survive an edit of the first two.
  const QList<QKeySequence> previous = bindings_.value(selected_);
  for (qsizetype i = 2; i < previous.size(); ++i) keys << previous.at(i);
  if (!setBinding(selected_, keys)) showSelected();  // refused: the editors show what holds
}

bool PreferencesDialog::setBinding(ActionId id, const QList<QKeySequence>& sequences) {
  for (qsizetype i = 0; i < sequences.size(); ++i) {
    const QKeySequence& sequence = sequences.at(i);
    std::optional<ActionId> other = findConflict(bindings_, id, sequence);
    if (!other && sequences.indexOf(sequence) != i) other = id;  // the same key twice
    if (other) {
      conflictLabel_->setText(
          tr("%1 is already used by “%2” (%3). Remove it there first, or choose another key.")
              .arg(sequence.toString(QKeySequence::NativeText), plainActionText(*registry_, *other),
                   QCoreApplication::translate("ActionRegistry",
                                               ActionRegistry::definition(*other).category)));
      conflictLabel_->show();
      return false;
    }
  }
  conflictLabel_->hide();
  bindings_.insert(id, sequences);
  refreshItem(id);
  if (id == selected_) showSelected();
  return true;
}

void PreferencesDialog::resetBinding(ActionId id) {
  // The default may be taken by now (the user moved it to another action): refuse as for any key.
  setBinding(id, ActionRegistry::definition(id).defaultShortcuts);
}

void PreferencesDialog::resetAllBindings() {
  bindings_ = defaultBindings();
  conflictLabel_->hide();
  for (const ActionDefinition& row : ActionRegistry::definitions()) refreshItem(row.id);
  showSelected();
}

void PreferencesDialog::apply() {
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    registry_->setShortcuts(row.id, bindings_.value(row.id));
  }
  auto settings = appSettings();
  saveShortcuts(*registry_, *settings);
  saveFrameMemoryMiB(frameMemory_->value());
}

}  // namespace stts::ui
