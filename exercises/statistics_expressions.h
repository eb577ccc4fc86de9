#pragma once
// The SQL expressions the EQ statistics group by (answer_tendencies.cpp), over the hidden and
// answer JSON as EqQuestion/EqAnswer::toJson write them. Schema step 10 indexes exactly these
// expressions (attempts_eq_statistics), so the miss map reads them from the index instead of
// parsing every answer's JSON: SQLite uses an index on an expression only for the same
// expression. Never edit one (a released step must not change, and the index would no
// longer serve the query); a new expression needs a new schema step.
// test_progress_statistics checks with EXPLAIN QUERY PLAN that the index is used.

namespace earlab::statistics_sql {

// The hidden band: 0 for a flat trial, else its frequency in Hz.
inline constexpr const char* kHiddenBand =
    "CASE WHEN json_extract(hidden, '$.flat') THEN 0.0 ELSE json_extract(hidden, '$.frequency_hz') END";
// The answered band: 0 for "flat", NULL when no band was answered (frequency_hz 0, not flat).
inline constexpr const char* kAnsweredBand =
    "CASE WHEN json_extract(answer, '$.flat') THEN 0.0"
    " WHEN json_extract(answer, '$.frequency_hz') > 0 THEN json_extract(answer, '$.frequency_hz') END";
// The hidden gain in dB, NULL for a flat trial.
inline constexpr const char* kHiddenGain =
    "CASE WHEN NOT coalesce(json_extract(hidden, '$.flat'), 0) THEN json_extract(hidden, '$.gain_db') END";
// The answered gain (eq-band: only its sign, ±1), NULL for "flat" or no band answered.
inline constexpr const char* kAnsweredGain =
    "CASE WHEN NOT coalesce(json_extract(answer, '$.flat'), 0) AND json_extract(answer, '$.frequency_hz') > 0"
    " THEN json_extract(answer, '$.gain_db') END";
// The rows the expressions are computed for: json_extract fails ("malformed JSON") on text
// that is not JSON, and an index on it would then refuse the row (and fail schema step 10
// on a database another program wrote such a row into). attempts_eq_statistics is a
// partial index over these rows; every statistics query on hidden or answer adds this
// condition (an answer whose JSON is damaged counts in the totals, not in the miss map).
inline constexpr const char* kValidJson = "json_valid(hidden) AND json_valid(answer)";
// Whether the question asked for the direction (boost or cut): 1 or 0.
inline constexpr const char* kDirectionAsked = "coalesce(json_extract(hidden, '$.direction_asked'), 0)";

} // namespace earlab::statistics_sql
