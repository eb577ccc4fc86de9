#pragma once
// A session's running tally for its summary: answers, right answers, scores, response times,
// the categories asked (bands, stems, sides) and the path the difficulty took.

#include "exercises/exercise.h"

#include <QString>
#include <QVariantList>

#include <map>
#include <vector>

namespace earlab::app {

class SessionTally {
public:
    void clear();
    void add(const Grade& grade, int responseMs);
    // The difficulty after answer number `question` moved from `from` to `to` (texts as the
    // Difficulty gives them: "Level 4 of 8", "2.0 dB").
    void difficultyChanged(int question, const QString& from, const QString& to);

    int answered() const { return int(m_scores.size()); }
    int correct() const { return m_correct; }
    double averageScore() const;
    double medianResponseSeconds() const;
    // [{label, correct, asked}] in the categories' order ("Flat" first, then bands by frequency).
    QVariantList categories() const;
    // "Level 3 of 8 → (q4) Level 4 of 8 → (q9) Level 3 of 8", empty without changes.
    QString path() const;

private:
    struct Hits {
        QString label;
        int correct = 0, asked = 0;
    };
    std::vector<double> m_scores;
    std::vector<int> m_responses;
    int m_correct = 0;
    std::map<std::pair<double, QString>, Hits> m_categories;
    QStringList m_path;
};

} // namespace earlab::app
