#pragma once
// A day in the calendar, as people write one for "by when": YYYY-MM-DD (ISO 8601), checked
// to be a real day (no 31 April, 29 February only in a leap year).
#include <string_view>

namespace ts::room {

// Whether text is a real calendar day written YYYY-MM-DD, in the years 2000 to 2199.
bool is_calendar_date(std::string_view text);

}  // namespace ts::room
