#pragma once
// LibTorch brings a CHECK macro (glog's: abort on failure) that would replace Catch's
// and keep failures out of the test report. A test that uses LibTorch includes this
// header first: LibTorch, its CHECK removed, then Catch.
#include <torch/torch.h>
#undef CHECK
#include "tests/catch.h"
