#pragma once
// People's names, checked with ICU so that nobody can pass for someone else: a name is
// normalised (NFC), may hold no default-ignorable code point (soft hyphens, fillers, tags,
// joiners: invisible, so two names could look alike and differ), and is compared with others
// by its confusable skeletons (UTS #39), case ignored ("Аda" in Cyrillic, "ada", "Ada").
#include <optional>
#include <string>

namespace ts::room {

// The name as stored (NFC), or nullopt when it holds a code point nobody can see.
// Expects text already cleaned as a label (valid UTF-8, no controls, trimmed).
std::optional<std::string> normalize_person_name(const std::string& name);

// How a name looks, three ways: the confusable skeletons of the name as typed, case-folded
// and upper-cased. Folding alone is not enough: a capital Greek Eta looks like H, but its
// lowercase η has the skeleton of n; comparing each way catches both.
struct name_keys {
    std::string typed, folded, upper;
    bool alike(const name_keys& other) const {
        return typed == other.typed || folded == other.folded || upper == other.upper;
    }
};
name_keys name_likeness(const std::string& name);

// Whether two names could be taken for each other.
bool names_look_alike(const std::string& a, const std::string& b);

}  // namespace ts::room
