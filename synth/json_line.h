#pragma once
// The JSON line of a document in its source file: the source's id and text field
// names, the entity id, then the document's extra fields.
#include <string>

#include "synth/document.h"
#include "synth/sources.h"

namespace mucpt::synth {

// Appends the fields after the text field (entity_id and extras) as ",key:value...".
void append_extra_fields(std::string& out, const Doc& doc);
std::string document_line(const SourceSpec& spec, const std::string& id, const Doc& doc);
// The same line in two parts, so the text can be encoded before the id is known:
// document_line == line_head + line_fields.
std::string line_head(const SourceSpec& spec, const std::string& id);  // {"id":"..."
std::string line_fields(const SourceSpec& spec, const Doc& doc);       // ,"text":"...",...}

}  // namespace mucpt::synth
