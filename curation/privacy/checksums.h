#pragma once
// Check digits that confirm candidate numbers: a random digit string passes Luhn one
// time in ten and the resident-ID check one time in eleven, so they remove most
// look-alikes (catalogue numbers, barcodes, timestamps) a pattern alone would take.
#include <string_view>

namespace mucpt {

// Luhn (ISO/IEC 7812) over a string of digits, check digit last.
bool luhn_valid(std::string_view digits);

// ISO 7064 MOD 11-2 check character of the first 17 digits of a Chinese resident ID:
// '0'..'9' or 'X'.
char iso7064_mod11_2_check(std::string_view first17);

// A Chinese resident ID: 18 characters, a province code that exists, a real birth
// date not after `current_year`, and the MOD 11-2 check character (X or x).
bool cn_resident_id_valid(std::string_view id, int current_year);

bool is_real_date(int year, int month, int day);
int current_utc_year();

}  // namespace mucpt
