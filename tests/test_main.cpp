#define CATCH_CONFIG_MAIN  // Catch2 2 builds its runner here; Catch2 3 links Catch2WithMain
#include "tests/catch.h"
