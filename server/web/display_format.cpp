// Locale-free number and date formatting for pages.
#include "web/display_format.hpp"

#include <array>
#include <chrono>

namespace dateline::server {

std::string with_thousands(std::uint64_t number) {
    const std::string digits = std::to_string(number);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string human_date(Timestamp time) {
    static constexpr std::array<const char*, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(time)};
    return std::to_string(static_cast<unsigned>(day.day())) + " " +
           kMonths[static_cast<unsigned>(day.month()) - 1] + " " +
           std::to_string(static_cast<int>(day.year()));
}

}  // namespace dateline::server
