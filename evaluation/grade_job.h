#pragma once
// `evaluate grade --predictions F --output G [--benchmark B]`: grades answers given in
// a JSONL file by the rules of grading/answer_grader.h. A row carries "question",
// "gold" (and optionally "aliases") and "predicted", or an "id" looked up in the
// benchmark and "predicted". Each graded row is written to G as read plus "auto_grade"
// and "rule". Rows that also carry a "grade" from another judge are compared with it:
// agreement, agreement per judge grade, Cohen's kappa and the confusion table go to
// stdout and to G.agreement.json. A row that cannot be graded (not JSON, not UTF-8, a
// key missing, an unknown or repeated id) is named by file and line and counted; the
// command then ends with code 2 after writing the rows it graded.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

int run_grade(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
