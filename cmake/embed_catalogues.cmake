# Writes OUT: a C++ file holding each of DIR's *.json catalogues as a string, by its language
# code (the file's name), for the server to compile in (transcript/message_catalogue.cpp).
# Run at build time by the custom command in CMakeLists.txt, whenever a catalogue changes.
file(GLOB files "${DIR}/*.json")
list(SORT files)
set(entries "")
foreach(file ${files})
  get_filename_component(code "${file}" NAME_WE)
  file(READ "${file}" text)
  string(APPEND entries "    {\"${code}\", R\"json(${text})json\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from messages/minutes/ by cmake/embed_catalogues.cmake: do not edit.
#include <string_view>
#include <utility>
#include <vector>

namespace ts::transcript {

const std::vector<std::pair<std::string_view, std::string_view>>& catalogue_sources() {
    static const std::vector<std::pair<std::string_view, std::string_view>> sources{
${entries}    };
    return sources;
}

}  // namespace ts::transcript
")
# Unchanged content keeps its time, so that nothing recompiles for nothing.
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
