#pragma once
// The built browser client, loaded into memory at start-up and served from there: no
// disk I/O on network threads, and a request can only ever reach a file that was loaded,
// so no path can escape the folder.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ts::net {

struct static_file {
    std::shared_ptr<const std::string> body;
    std::string content_type;
    std::string etag;  // quoted, strong
};

class static_files {
public:
    // Loads every regular file below dir (symbolic links are not followed). An empty or
    // missing folder gives an empty set, which serves a plain page saying so.
    explicit static_files(const std::string& dir);

    // The file a GET of this path (no query string) should return, or nullptr for 404.
    // Paths without an extension are the client's own routes (/, /r/ID, ...): index.html.
    const static_file* find(std::string_view path) const;

    std::size_t size() const { return files_.size(); }

    static std::string content_type_for(std::string_view path);

private:
    std::unordered_map<std::string, static_file> files_;
};

}  // namespace ts::net
