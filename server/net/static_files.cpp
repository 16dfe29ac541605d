#include "net/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "room/sha256.hpp"

namespace ts::net {
namespace fs = std::filesystem;

namespace {

std::string hex_prefix(std::string_view bytes, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n && i < bytes.size(); ++i) {
        auto b = static_cast<unsigned char>(bytes[i]);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

}  // namespace

std::string static_files::content_type_for(std::string_view path) {
    auto dot = path.rfind('.');
    std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
    if (ext == "html") return "text/html; charset=utf-8";
    if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "json" || ext == "map") return "application/json";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "png") return "image/png";
    if (ext == "ico") return "image/x-icon";
    if (ext == "woff2") return "font/woff2";
    if (ext == "txt") return "text/plain; charset=utf-8";
    if (ext == "webmanifest") return "application/manifest+json";
    return "application/octet-stream";
}

static_files::static_files(const std::string& dir) {
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        auto rel = fs::relative(it->path(), dir, ec).generic_string();
        static_file file;
        file.body = std::make_shared<const std::string>(content.str());
        file.content_type = content_type_for(rel);
        file.etag = "\"" + hex_prefix(room::sha256_bytes(*file.body), 12) + "\"";
        files_["/" + rel] = std::move(file);
    }
}

const static_file* static_files::find(std::string_view path) const {
    if (path.empty() || path.front() != '/' || path.find("..") != std::string_view::npos ||
        path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos)
        return nullptr;
    auto last_slash = path.rfind('/');
    bool has_extension = path.find('.', last_slash) != std::string_view::npos;
    std::string key = has_extension ? std::string(path) : "/index.html";
    auto it = files_.find(key);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace ts::net
