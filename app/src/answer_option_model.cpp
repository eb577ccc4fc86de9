#include "app/src/answer_option_model.h"

#include <algorithm>

namespace earlab::app {

namespace {
QString digitFor(int index)
{
    return QString::number((index % AnswerOptionModel::kGroup + 1) % AnswerOptionModel::kGroup);
}
} // namespace

AnswerOptionModel::AnswerOptionModel(QObject* parent) : QAbstractListModel(parent) {}

int AnswerOptionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant AnswerOptionModel::data(const QModelIndex& index, int role) const
{
    const AnswerOption* o = index.isValid() ? at(index.row()) : nullptr;
    if (!o)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole: return o->label;
    case OptionIdRole: return o->id;
    case ValueRole: return o->value;
    case FlatRole: return o->flat;
    case KeyLabelRole: return keyLabel(index.row());
    default: return {};
    }
}

QHash<int, QByteArray> AnswerOptionModel::roleNames() const
{
    return {{LabelRole, "label"}, {OptionIdRole, "optionId"}, {ValueRole, "value"}, {FlatRole, "flat"},
            {KeyLabelRole, "keyLabel"}};
}

void AnswerOptionModel::setOptions(std::vector<AnswerOption> options)
{
    beginResetModel();
    m_options = std::move(options);
    m_keyGroup = 0;
    endResetModel();
    emit optionsChanged();
    emit keyGroupChanged();
}

const AnswerOption* AnswerOptionModel::at(int index) const
{
    return index >= 0 && index < count() ? &m_options[std::size_t(index)] : nullptr;
}

int AnswerOptionModel::indexOf(const QString& optionId) const
{
    for (int i = 0; i < count(); ++i)
        if (m_options[std::size_t(i)].id == optionId)
            return i;
    return -1;
}

int AnswerOptionModel::flatIndex() const
{
    for (int i = 0; i < count(); ++i)
        if (m_options[std::size_t(i)].flat)
            return i;
    return -1;
}

int AnswerOptionModel::numberedCount() const
{
    if (count() <= kGroup)
        return count();
    return int(std::count_if(m_options.begin(), m_options.end(), [](const AnswerOption& o) { return !o.flat; }));
}

int AnswerOptionModel::keyGroupCount() const
{
    return std::max(1, (numberedCount() + kGroup - 1) / kGroup);
}

QString AnswerOptionModel::keyLabel(int index) const
{
    if (index < numberedCount())
        return index / kGroup == m_keyGroup ? digitFor(index) : QString();
    return m_options[std::size_t(index)].flat ? QStringLiteral("F") : QString();
}

QString AnswerOptionModel::keyGroupText() const
{
    const int numbered = numberedCount();
    if (keyGroupCount() <= 1)
        return numbered > 0 ? tr("number keys pick") : QString();
    const int first = m_keyGroup * kGroup;
    const int last = std::min(first + kGroup, numbered) - 1;
    return tr("1–0 pick %1 … %2 · [ ] other bands").arg(m_options[std::size_t(first)].label,
                                                         m_options[std::size_t(last)].label);
}

int AnswerOptionModel::indexForKey(const QString& key) const
{
    if (key.compare(QLatin1String("F"), Qt::CaseInsensitive) == 0)
        return flatIndex();
    bool isNumber = false;
    const int digit = key.toInt(&isNumber);
    if (!isNumber || key.size() != 1)
        return -1;
    const int index = m_keyGroup * kGroup + (digit + kGroup - 1) % kGroup; // 1 -> 0 … 0 -> 9
    return index < numberedCount() ? index : -1;
}

void AnswerOptionModel::showGroupOf(int index)
{
    if (index >= 0 && index < numberedCount())
        setKeyGroup(index / kGroup);
}

void AnswerOptionModel::moveGroup(int delta)
{
    setKeyGroup(m_keyGroup + delta);
}

void AnswerOptionModel::setKeyGroup(int group)
{
    group = std::clamp(group, 0, keyGroupCount() - 1);
    if (group == m_keyGroup)
        return;
    m_keyGroup = group;
    emit keyGroupChanged();
    if (count() > 0)
        emit dataChanged(index(0), index(count() - 1), {KeyLabelRole});
}

} // namespace earlab::app
