// The headers every test parses, compiled once per kind of test (tests/CMakeLists.txt,
// "Precompiled headers"). Only third-party headers: a change to EarLab's own must not
// rebuild every test.
#pragma once

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <numeric>
#include <string>
#include <vector>
