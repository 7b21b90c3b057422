// Expanding directories into their files.
#include "input_files.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace dateline::indexer {
namespace {

namespace fs = std::filesystem;

bool is_hidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

Result<void, std::string> walk(const std::string& directory, std::vector<InputFile>& out) {
    std::error_code error;
    fs::recursive_directory_iterator it(directory, error), end;
    std::vector<InputFile> found;
    for (; !error && it != end; it.increment(error)) {
        if (is_hidden(it->path())) {
            if (it->is_directory(error)) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(error)) continue;
        const std::string relative = it->path().lexically_relative(directory).generic_string();
        found.push_back({it->path().string(), it->path().string(), relative, true});
    }
    if (error) return Unexpected(directory + ": cannot read directory: " + error.message());
    std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) {
        return a.relative_path < b.relative_path;
    });
    out.insert(out.end(), found.begin(), found.end());
    return {};
}

}  // namespace

Result<std::vector<InputFile>, std::string> list_inputs(const std::vector<std::string>& paths) {
    std::vector<InputFile> inputs;
    for (const std::string& path : paths) {
        std::error_code error;
        if (path != "-" && fs::is_directory(path, error)) {
            if (auto walked = walk(path, inputs); !walked) return Unexpected(walked.error());
            continue;
        }
        inputs.push_back({path, path == "-" ? "<stdin>" : path, path, false});
    }
    return inputs;
}

}  // namespace dateline::indexer
