# Progress statistics (issue 9 §1): aggregate SQL over the progress database, and the
# read-only connection earlab-cli stats reads it through.
target_sources(earlab_exercises PRIVATE
  statistics_expressions.h
  statistics_filter.h statistics_filter.cpp
  statistics_query.h statistics_query.cpp
  answer_tendencies.h answer_tendencies.cpp
  progress_statistics.h progress_statistics.cpp
  statistics_json.h statistics_json.cpp
  read_only_database.h read_only_database.cpp)
