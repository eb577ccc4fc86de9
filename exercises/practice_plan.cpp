#include "exercises/practice_plan.h"

#include "exercises/attempt.h"
#include "exercises/difficulty.h"
#include "exercises/band_name.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace earlab {

namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr int kBoxCount = int(std::size(kLeitnerIntervalsDays));
// A band is a weak spot only below this accuracy: the plan is not spent on bands that go well.
constexpr double kWeakBandBelow = 0.7;
// Priorities (docs/practice_plan.md): weakness and staleness add up, a due review outranks both.
constexpr double kBandWeight = 1.0;
constexpr double kExerciseWeight = 0.8;
constexpr double kStaleWeight = 0.4;
// Unknown weakness: a staircase without a usable value sits half-way.
constexpr double kNewWeakness = 0.5;
// An exercise never practised: below a band answered right less than 45 % of the time, above
// an exercise that goes fairly well, so a beginner's plan tries everything and a listener's
// clear weak spots are not pushed out by exercises they have not tried.
constexpr double kNewPriority = 0.55;
constexpr double kReviewBase = 1.0;
// Each item already chosen from the same family of exercises ("eq-band", "eq-gain" are "eq")
// halves a candidate's priority: the workout is mixed.
constexpr double kSameFamilyFactor = 0.5;

double daysBetween(const QDateTime& earlier, const QDateTime& later)
{
    return double(earlier.msecsTo(later)) / 1000.0 / kSecondsPerDay;
}

QString family(const QString& id) { return id.section(QLatin1Char('-'), 0, 0); }

// The listener's day, as the plan's day is (a miss at 00:30 local is on that local day).
QString dayText(const QDateTime& t) { return t.toLocalTime().toString(QStringLiteral("d MMM")); }

// "4 of 11 right this week", or over all of them with the newest answer's day.
QString tally(const std::vector<PracticeAnswer>& answers, const QDateTime& now)
{
    int weekAsked = 0, weekRight = 0, right = 0;
    QDateTime newest;
    for (const PracticeAnswer& a : answers) {
        right += a.correct ? 1 : 0;
        if (!newest.isValid() || a.answeredAt > newest)
            newest = a.answeredAt;
        if (daysBetween(a.answeredAt, now) < 7.0) {
            ++weekAsked;
            weekRight += a.correct ? 1 : 0;
        }
    }
    if (weekAsked > 0)
        return QString("%1 of %2 right this week").arg(weekRight).arg(weekAsked);
    return QString("%1 of %2 right, the last on %3").arg(right).arg(int(answers.size())).arg(dayText(newest));
}

struct Candidate {
    PlanItem item;
    double priority = 0;
    int order = 0; // the exercise's place in the catalogue, for ties
    double secondsPerQuestion = 25;
    MaterialNeed material = MaterialNeed::PinkNoise;
};

double lastPractisedDays(const ExerciseEvidence& e, const QDateTime& now)
{
    QDateTime newest;
    for (const PracticeAnswer& a : e.answers)
        if (!newest.isValid() || a.answeredAt > newest)
            newest = a.answeredAt;
    return newest.isValid() ? std::max(0.0, daysBetween(newest, now)) : kStaleDays;
}

QString lastPractisedText(double days)
{
    const int d = int(std::floor(days));
    return d >= 2 ? QString("; last practised %1 days ago").arg(d) : QString();
}

double thresholdPosition(const ExerciseEvidence& e)
{
    if (!(e.hardest > 0) || !(e.easiest > e.hardest) || !(e.thresholdValue > 0))
        return kNewWeakness;
    return std::clamp(std::log(e.thresholdValue / e.hardest) / std::log(e.easiest / e.hardest), 0.0, 1.0);
}

void addExerciseCandidates(const ExerciseEvidence& e, int order, const QDateTime& now, std::vector<Candidate>& out)
{
    Candidate base;
    base.order = order;
    base.secondsPerQuestion = secondsPerQuestion(e.answers);
    base.material = e.material;
    base.item.exercise = e.id;
    base.item.title = e.title;

    if (e.answers.empty()) {
        Candidate c = base;
        c.item.why = PlanItem::Why::New;
        c.priority = kNewPriority;
        c.item.reason = QString("Not practised yet; it starts at %1.").arg(e.levelText);
        out.push_back(c);
        return;
    }

    const double days = lastPractisedDays(e, now);
    const double staleness = std::min(days, kStaleDays) / kStaleDays;
    {
        Candidate c = base;
        const double weakness = e.staircase ? thresholdPosition(e) : 1.0 - weightedAccuracy(e.answers, now);
        c.priority = kExerciseWeight * weakness + kStaleWeight * staleness;
        // Left for a week or more: that is what the reason leads with.
        const bool stale = days >= 7.0 || kStaleWeight * staleness > kExerciseWeight * weakness;
        if (e.staircase) {
            c.item.why = stale ? PlanItem::Why::NotLately : PlanItem::Why::HighThreshold;
            c.item.reason = QString("Threshold %1, between the hardest %2 and the easiest %3%4.")
                                .arg(formatValue(e.thresholdValue, e.unit), formatValue(e.hardest, e.unit),
                                     formatValue(e.easiest, e.unit), lastPractisedText(days));
        } else {
            c.item.why = stale ? PlanItem::Why::NotLately : PlanItem::Why::WeakExercise;
            c.item.reason = QString("%1%2.").arg(tally(e.answers, now), lastPractisedText(days));
        }
        out.push_back(c);
    }

    // Bands: weak ones, and missed ones due again. One candidate per band.
    std::map<double, std::vector<PracticeAnswer>> byBand;
    for (const PracticeAnswer& a : e.answers)
        if (a.bandHz > 0)
            byBand[a.bandHz].push_back(a);
    for (const BandReview& r : bandReviews(e.answers)) {
        const auto& answers = byBand[r.bandHz];
        const double accuracy = weightedAccuracy(answers, now);
        const bool weak = int(answers.size()) >= kMinBandAnswers && accuracy < kWeakBandBelow;
        const bool due = r.due(now);
        if (!weak && !due)
            continue;
        Candidate c = base;
        c.item.focusHz = r.bandHz;
        c.item.focusLabel = bandName(r.bandHz);
        if (due) {
            const double overdue = std::min(daysBetween(r.dueAt, now), 7.0);
            c.item.why = PlanItem::Why::Review;
            c.priority = kReviewBase + overdue / 70.0;
            // A review not taken on its day says since when it waits, not "today" again.
            const QString dueText = r.dueAt.toLocalTime().date() < now.toLocalTime().date()
                                        ? QString("due again since %1").arg(dayText(r.dueAt))
                                        : QStringLiteral("due again today");
            const int every = kLeitnerIntervalsDays[r.box - 1];
            const QString interval = every == 1 ? QStringLiteral("every day") : QString("every %1 days").arg(every);
            c.item.reason = QString("%1: missed on %2, %3 (review box %4 of %5: %6); %7.")
                                .arg(c.item.focusLabel, dayText(r.lastMiss), dueText)
                                .arg(r.box)
                                .arg(kBoxCount)
                                .arg(interval, tally(answers, now));
        } else {
            c.item.why = PlanItem::Why::WeakBand;
            c.priority = kBandWeight * (1.0 - accuracy) + kStaleWeight * staleness;
            c.item.reason = QString("%1: %2.").arg(c.item.focusLabel, tally(answers, now));
        }
        out.push_back(c);
    }
}

// The material an item plays: its level's need, with music drawn across the library's genres.
void chooseMaterial(PlanItem& item, MaterialNeed need, const PracticeEvidence& evidence, std::uint64_t seed,
                    int& musicItems)
{
    switch (need) {
    case MaterialNeed::PinkNoise:
        item.material = attempt_material::noise;
        return;
    case MaterialNeed::Multitrack: // stems: the built-in songs have them
        item.material = attempt_material::builtin;
        return;
    case MaterialNeed::Music:
    case MaterialNeed::Transients:
        break;
    }
    if (!evidence.genres.isEmpty()) {
        item.material = attempt_material::music;
        const auto n = std::uint64_t(evidence.genres.size());
        item.genre = evidence.genres.at(qsizetype((seed + std::uint64_t(musicItems)) % n));
        ++musicItems;
    } else {
        item.material = evidence.hasOwnMusic ? attempt_material::music : attempt_material::builtin;
    }
}

int itemsOfFamily(const std::vector<Candidate>& chosen, const QString& id)
{
    return int(std::count_if(chosen.begin(), chosen.end(),
                             [&](const Candidate& c) { return family(c.item.exercise) == family(id); }));
}

int itemsOfExercise(const std::vector<Candidate>& chosen, const QString& id)
{
    return int(std::count_if(chosen.begin(), chosen.end(), [&](const Candidate& c) { return c.item.exercise == id; }));
}

double seconds(const Candidate& c) { return c.item.questions * c.secondsPerQuestion; }

} // namespace

std::vector<BandReview> bandReviews(const std::vector<PracticeAnswer>& answers)
{
    std::vector<PracticeAnswer> sorted;
    for (const PracticeAnswer& a : answers)
        if (a.bandHz > 0)
            sorted.push_back(a);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const PracticeAnswer& a, const PracticeAnswer& b) { return a.answeredAt < b.answeredAt; });
    std::map<double, BandReview> boxes;
    for (const PracticeAnswer& a : sorted) {
        BandReview& r = boxes[a.bandHz];
        r.bandHz = a.bandHz;
        if (!a.correct) {
            r.box = 1;
            r.lastMiss = a.answeredAt;
        } else if (r.box > 0) {
            ++r.box;
            if (r.box > kBoxCount)
                r.box = 0;
        }
        r.dueAt = r.box > 0 ? a.answeredAt.addDays(kLeitnerIntervalsDays[r.box - 1]) : QDateTime();
    }
    std::vector<BandReview> out;
    for (const auto& [hz, r] : boxes)
        out.push_back(r);
    return out;
}

double weightedAccuracy(const std::vector<PracticeAnswer>& answers, const QDateTime& now)
{
    double right = 1.0, weight = 2.0; // one right and one wrong pseudo-answer
    for (const PracticeAnswer& a : answers) {
        const double w = std::pow(0.5, std::max(0.0, daysBetween(a.answeredAt, now)) / kHalfLifeDays);
        weight += w;
        right += a.correct ? w : 0.0;
    }
    return right / weight;
}

double secondsPerQuestion(const std::vector<PracticeAnswer>& answers)
{
    if (answers.empty())
        return 25.0;
    std::vector<int> ms;
    for (const PracticeAnswer& a : answers)
        ms.push_back(a.responseMs);
    std::nth_element(ms.begin(), ms.begin() + std::ptrdiff_t(ms.size() / 2), ms.end());
    return std::clamp(ms[ms.size() / 2] / 1000.0 + 10.0, 12.0, 60.0);
}

std::vector<PlanItem> planPractice(const PracticeEvidence& evidence, const PlanOptions& options)
{
    std::vector<Candidate> candidates;
    for (int i = 0; i < int(evidence.exercises.size()); ++i)
        addExerciseCandidates(evidence.exercises[std::size_t(i)], i, options.now, candidates);

    const double target = options.targetMinutes * 60.0;
    std::vector<Candidate> chosen;
    double total = 0;
    std::vector<bool> used(candidates.size(), false);
    while (total < 0.9 * target && int(chosen.size()) < kMaxItems) {
        int best = -1;
        double bestPriority = -1;
        for (int i = 0; i < int(candidates.size()); ++i) {
            const Candidate& c = candidates[std::size_t(i)];
            if (used[std::size_t(i)] || itemsOfExercise(chosen, c.item.exercise) >= kMaxItemsPerExercise)
                continue;
            const double p = c.priority * std::pow(kSameFamilyFactor, itemsOfFamily(chosen, c.item.exercise));
            // Ties: the catalogue's order, then the lower band (candidates are in that order).
            if (p > bestPriority) {
                best = i;
                bestPriority = p;
            }
        }
        if (best < 0)
            break;
        used[std::size_t(best)] = true;
        Candidate c = candidates[std::size_t(best)];
        c.item.questions = kQuestionsPerItem;
        // The last item is shortened to end near the target, never below 3 questions.
        while (c.item.questions > 3 && total + seconds(c) > 1.1 * target)
            --c.item.questions;
        if (total + seconds(c) > 1.2 * target)
            continue;
        total += seconds(c);
        chosen.push_back(c);
    }
    // Few candidates (a short catalogue): lengthen the items in turn up to the target.
    for (int round = 0; !chosen.empty() && total < 0.9 * target && round < 100; ++round) {
        Candidate& c = chosen[std::size_t(round) % chosen.size()];
        if (c.item.questions >= 20)
            break;
        ++c.item.questions;
        total += c.secondsPerQuestion;
    }

    std::vector<PlanItem> plan;
    int musicItems = 0;
    for (Candidate& c : chosen) {
        c.item.minutes = seconds(c) / 60.0;
        chooseMaterial(c.item, c.material, evidence, options.seed, musicItems);
        plan.push_back(c.item);
    }
    return plan;
}

double totalMinutes(const std::vector<PlanItem>& plan)
{
    double m = 0;
    for (const PlanItem& i : plan)
        m += i.minutes;
    return m;
}

} // namespace earlab
