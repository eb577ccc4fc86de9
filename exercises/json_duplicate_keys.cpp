#include "json_duplicate_keys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace earlab {

namespace {

// A recursive scan of the value at `pos`: only structure and keys, no numbers decoded.
class Scanner {
public:
    explicit Scanner(const QByteArray& json) : s_(json) {}

    std::optional<QString> run()
    {
        skipSpace();
        value(QString()); // false on malformed text (the parser's to report) or at a duplicate
        return duplicate_;
    }

private:
    void skipSpace()
    {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    // The string starting at pos_ (a '"'), unescaped by Qt's own decoder. False if malformed.
    bool string(QString* decoded)
    {
        const qsizetype start = pos_++;
        while (pos_ < s_.size() && s_[pos_] != '"')
            pos_ += s_[pos_] == '\\' ? 2 : 1;
        if (pos_ >= s_.size())
            return false;
        ++pos_;
        if (decoded) {
            const QJsonDocument d = QJsonDocument::fromJson("[" + s_.mid(start, pos_ - start) + "]");
            if (!d.isArray())
                return false;
            *decoded = d.array().at(0).toString();
        }
        return true;
    }

    // False on malformed text or once a duplicate is found (scanning stops there).
    bool value(const QString& path)
    {
        if (pos_ >= s_.size())
            return false;
        const char c = s_[pos_];
        if (c == '{')
            return object(path);
        if (c == '[')
            return array(path);
        if (c == '"')
            return string(nullptr);
        while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']' && s_[pos_] != ' ' &&
               s_[pos_] != '\n' && s_[pos_] != '\r' && s_[pos_] != '\t')
            ++pos_; // a number, true, false or null
        return true;
    }

    bool object(const QString& path)
    {
        ++pos_;
        QSet<QString> keys;
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == '}')
            return ++pos_, true;
        while (true) {
            skipSpace();
            QString key;
            if (pos_ >= s_.size() || s_[pos_] != '"' || !string(&key))
                return false;
            const QString here = path.isEmpty() ? key : path + QLatin1Char('.') + key;
            if (keys.contains(key)) {
                duplicate_ = here;
                return false;
            }
            keys.insert(key);
            skipSpace();
            if (pos_ >= s_.size() || s_[pos_] != ':')
                return false;
            ++pos_;
            skipSpace();
            if (!value(here))
                return false;
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            return pos_ < s_.size() && s_[pos_++] == '}';
        }
    }

    bool array(const QString& path)
    {
        ++pos_;
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == ']')
            return ++pos_, true;
        for (int index = 0;; ++index) {
            skipSpace();
            if (!value(path + QStringLiteral("[%1]").arg(index)))
                return false;
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            return pos_ < s_.size() && s_[pos_++] == ']';
        }
    }

    const QByteArray& s_;
    qsizetype pos_ = 0;
    std::optional<QString> duplicate_;
};

} // namespace

std::optional<QString> firstDuplicateJsonKey(const QByteArray& json)
{
    return Scanner(json).run();
}

} // namespace earlab
