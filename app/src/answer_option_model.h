#pragma once
// The answers a question offers (bands, gains, A/B, ratios, stems), as a list model with
// their number keys.
//
// Number keys with many options (third-octave levels: up to 26 bands): the options are
// numbered in groups of ten; 1..9, 0 pick within the current group, [ and ] (or Page Up /
// Page Down) move between groups, and choosing an option (mouse, Left/Right) makes its group
// current. Up to ten options (every octave and gain level) are one group, "flat" included;
// with more, "flat" is F.

#include "exercises/exercise.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace earlab::app {

class AnswerOptionModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AnswerOptionModel belongs to Session")
    Q_PROPERTY(int count READ count NOTIFY optionsChanged)
    Q_PROPERTY(int flatIndex READ flatIndex NOTIFY optionsChanged) // -1 without a "flat" answer
    Q_PROPERTY(int keyGroup READ keyGroup NOTIFY keyGroupChanged)
    Q_PROPERTY(int keyGroupCount READ keyGroupCount NOTIFY optionsChanged)
    Q_PROPERTY(QString keyGroupText READ keyGroupText NOTIFY keyGroupChanged)

public:
    enum Role { LabelRole = Qt::UserRole + 1, OptionIdRole, ValueRole, FlatRole, KeyLabelRole };
    static constexpr int kGroup = 10; // number keys 1..9, 0

    explicit AnswerOptionModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setOptions(std::vector<AnswerOption> options); // back to the first group
    const std::vector<AnswerOption>& options() const { return m_options; }
    const AnswerOption* at(int index) const; // null out of range
    int indexOf(const QString& optionId) const;
    Q_INVOKABLE QString keyLabelAt(int index) const { return at(index) ? keyLabel(index) : QString(); }

    int count() const { return int(m_options.size()); }
    int flatIndex() const;
    int keyGroup() const { return m_keyGroup; }
    int keyGroupCount() const;
    QString keyGroupText() const;

    // The option a typed key picks ("1".."9", "0" in the current group, "F" for flat), or -1.
    int indexForKey(const QString& key) const;
    void showGroupOf(int index); // the group of a chosen numbered option becomes current
    void moveGroup(int delta);

signals:
    void optionsChanged();
    void keyGroupChanged();

private:
    int numberedCount() const; // options that number keys reach
    QString keyLabel(int index) const;
    void setKeyGroup(int group);

    std::vector<AnswerOption> m_options;
    int m_keyGroup = 0;
};

} // namespace earlab::app
