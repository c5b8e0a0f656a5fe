#include "curation/privacy/checksums.h"

#include <ctime>

namespace mucpt {

namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

// Province-level codes of GB/T 2260 (the first two digits of every resident ID).
bool known_province(int code) {
  switch (code / 10) {
    case 1: return code >= 11 && code <= 15;
    case 2: return code >= 21 && code <= 23;
    case 3: return code >= 31 && code <= 37;
    case 4: return code >= 41 && code <= 46;
    case 5: return code >= 50 && code <= 54;
    case 6: return code >= 61 && code <= 65;
    case 7: return code == 71;
    case 8: return code >= 81 && code <= 83;
    default: return false;
  }
}

}  // namespace

bool luhn_valid(std::string_view digits) {
  if (!all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;  // the check digit itself is not doubled
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

char iso7064_mod11_2_check(std::string_view first17) {
  // Weight of position i (0-based from the left) is 2^(17 - i) mod 11; the check
  // character c makes sum + c = 1 (mod 11), with 10 written X.
  int sum = 0, weight = 1;
  for (size_t i = first17.size(); i-- > 0;) {
    weight = weight * 2 % 11;
    sum += (first17[i] - '0') * weight;
  }
  int check = (12 - sum % 11) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

bool is_real_date(int year, int month, int day) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

int current_utc_year() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

bool cn_resident_id_valid(std::string_view id, int current_year) {
  if (id.size() != 18 || !all_digits(id.substr(0, 17))) return false;
  char last = id[17] == 'x' ? 'X' : id[17];
  if (!(last == 'X' || (last >= '0' && last <= '9'))) return false;
  if (!known_province(number(id.substr(0, 2)))) return false;
  int year = number(id.substr(6, 4)), month = number(id.substr(10, 2)), day = number(id.substr(12, 2));
  if (year < 1800 || year > current_year || !is_real_date(year, month, day)) return false;
  return iso7064_mod11_2_check(id.substr(0, 17)) == last;
}

}  // namespace mucpt
