#include "ask/run_options.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>

#include "common/settings.h"

namespace stts::ui {

namespace {

const QString kBudgetKey = QStringLiteral("ask/budgetPolicy");
const QString kTapKey = QStringLiteral("ask/tapPoint");
const QString kFastvKey = QStringLiteral("ask/fastvLayer");
const QString kSeedKey = QStringLiteral("ask/seed");

void selectData(QComboBox* box, const QString& value) {
  const int index = box->findData(value);
  if (index >= 0) box->setCurrentIndex(index);
}

}  // namespace

RunOptionsBox::RunOptionsBox(QWidget* parent) : QGroupBox(parent) {
  setObjectName(QStringLiteral("askRunOptions"));
  const stts::RunRequest defaults;
  auto* grid = new QGridLayout(this);
  grid->setColumnStretch(1, 1);
  grid->setColumnStretch(3, 1);
  budget_ = new QComboBox(this);
  budget_->setObjectName(QStringLiteral("askBudget"));
  budget_->addItem(QString(), QStringLiteral("equal"));
  budget_->addItem(QString(), QStringLiteral("native"));
  tap_ = new QComboBox(this);
  tap_->setObjectName(QStringLiteral("askTap"));
  tap_->addItem(QString(), QStringLiteral("connector"));
  tap_->addItem(QString(), QStringLiteral("vit"));
  fastvLayer_ = new QSpinBox(this);
  fastvLayer_->setObjectName(QStringLiteral("askFastvLayer"));
  fastvLayer_->setRange(1, 127);  // the engine checks it against the model's layer count
  seed_ = new QSpinBox(this);
  seed_->setObjectName(QStringLiteral("askSeed"));
  seed_->setRange(0, 2147483647);
  budgetLabel_ = new QLabel(this);
  tapLabel_ = new QLabel(this);
  fastvLabel_ = new QLabel(this);
  seedLabel_ = new QLabel(this);
  grid->addWidget(budgetLabel_, 0, 0);
  grid->addWidget(budget_, 0, 1);
  grid->addWidget(tapLabel_, 0, 2);
  grid->addWidget(tap_, 0, 3);
  grid->addWidget(fastvLabel_, 1, 0);
  grid->addWidget(fastvLayer_, 1, 1);
  grid->addWidget(seedLabel_, 1, 2);
  grid->addWidget(seed_, 1, 3);

  auto settings = appSettings();
  selectData(budget_,
             settings->value(kBudgetKey, QString::fromStdString(defaults.budgetPolicy)).toString());
  selectData(tap_, settings->value(kTapKey, QString::fromStdString(defaults.tapPoint)).toString());
  fastvLayer_->setValue(settings->value(kFastvKey, defaults.fastvLayer).toInt());
  seed_->setValue(settings->value(kSeedKey, qulonglong(defaults.seed)).toInt());
  retranslate();
  followMethod(QStringLiteral("stts"));
}

void RunOptionsBox::followMethod(const QString& method) {
  const bool prunes = method != QLatin1String("none");
  const bool readsFeatures = method == QLatin1String("evs") || method == QLatin1String("vidcom2");
  budget_->setEnabled(prunes && method != QLatin1String("stts"));
  budgetLabel_->setEnabled(budget_->isEnabled());
  tap_->setEnabled(readsFeatures);
  tapLabel_->setEnabled(readsFeatures);
  fastvLayer_->setEnabled(method == QLatin1String("fastv"));
  fastvLabel_->setEnabled(fastvLayer_->isEnabled());
  seed_->setEnabled(method == QLatin1String("random"));
  seedLabel_->setEnabled(seed_->isEnabled());
}

void RunOptionsBox::applyTo(stts::RunRequest& request) const {
  request.budgetPolicy = budget_->currentData().toString().toStdString();
  request.tapPoint = tap_->currentData().toString().toStdString();
  request.fastvLayer = fastvLayer_->value();
  request.seed = uint64_t(seed_->value());
  auto settings = appSettings();
  settings->setValue(kBudgetKey, budget_->currentData());
  settings->setValue(kTapKey, tap_->currentData());
  settings->setValue(kFastvKey, fastvLayer_->value());
  settings->setValue(kSeedKey, seed_->value());
}

void RunOptionsBox::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QGroupBox::changeEvent(event);
}

void RunOptionsBox::retranslate() {
  setTitle(tr("More options"));
  budgetLabel_->setText(tr("Budget:"));
  budget_->setItemText(0, tr("as STTS keeps"));
  budget_->setItemText(1, tr("method's own"));
  budget_->setToolTip(
      tr("Keep exactly the cells STTS keeps at this ratio (matched budgets), or "
         "the count each method's own formula gives"));
  tapLabel_->setText(tr("Features:"));
  tap_->setItemText(0, tr("connector"));
  tap_->setItemText(1, tr("ViT"));
  tap_->setToolTip(
      tr("Where EVS and VidCom2 read their features: after the connector (the ViT "
         "runs in full) or in the ViT (saves ViT work)"));
  fastvLabel_->setText(tr("FastV layer:"));
  fastvLayer_->setToolTip(tr("The LLM layer whose input loses the pruned vision tokens"));
  seedLabel_->setText(tr("Seed:"));
  seed_->setToolTip(tr("The random method's seed: the same seed keeps the same cells"));
}

}  // namespace stts::ui
