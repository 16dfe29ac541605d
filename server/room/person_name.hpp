#pragma once
// People's names, checked with ICU so that nobody can pass for someone else: a name is
// normalised (NFC), may hold no default-ignorable code point (soft hyphens, fillers, tags,
// joiners: invisible, so two names could look alike and differ), and is compared with others
// by its confusable skeleton (UTS #39), case ignored ("Аda" in Cyrillic, "ada", "Ada").
#include <optional>
#include <string>

namespace ts::room {

// The name as stored (NFC), or nullopt when it holds a code point nobody can see.
// Expects text already cleaned as a label (valid UTF-8, no controls, trimmed).
std::optional<std::string> normalize_person_name(const std::string& name);

// A key that two names share when they look alike: equal keys, confusable names.
std::string name_likeness(const std::string& name);

}  // namespace ts::room
