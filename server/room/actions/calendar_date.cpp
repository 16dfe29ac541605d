#include "room/actions/calendar_date.hpp"

#include <charconv>
#include <chrono>

namespace ts::room {

namespace {

// The number written by the digits text[at, at + count), or -1 if any of them is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t count) {
    int value = -1;
    const auto* first = text.data() + at;
    const auto [end, error] = std::from_chars(first, first + count, value);
    return error == std::errc() && end == first + count ? value : -1;
}

}  // namespace

bool is_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (year < 2000 || year > 2199 || month < 0 || day < 0) return false;
    // The standard calendar knows the lengths of months and the leap years.
    return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                       std::chrono::day{static_cast<unsigned>(day)}}
        .ok();
}

}  // namespace ts::room
