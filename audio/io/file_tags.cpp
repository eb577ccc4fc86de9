#include "audio/io/file_tags.h"

#include <sndfile.h>

#include <cctype>
#include <memory>

namespace earlab {

std::string genreTag(const std::string& path) noexcept
{
    try {
        SF_INFO info{};
        // Closed however this returns (copying the tag can throw).
        const std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> file(sf_open(path.c_str(), SFM_READ, &info), &sf_close);
        if (!file)
            return {};
        const char* tag = sf_get_string(file.get(), SF_STR_GENRE);
        std::string genre = tag ? tag : "";
        const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
        while (!genre.empty() && space(genre.back()))
            genre.pop_back();
        std::size_t first = 0;
        while (first < genre.size() && space(genre[first]))
            ++first;
        return genre.substr(first);
    } catch (...) { // std::bad_alloc copying the tag: no genre rather than a failed scan
        return {};
    }
}

} // namespace earlab
