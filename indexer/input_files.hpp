// The files an `add` run reads: the paths given, with each directory replaced by the files
// below it — recursively, hidden files and directories skipped, in byte order of their paths
// so that runs (and "last id wins") are repeatable.
// Pure functions over the file system; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "dateline/result.hpp"

namespace dateline::indexer {

struct InputFile {
    std::string path;           // to open; "-" for standard input
    std::string name;           // for messages ("<stdin>" for standard input)
    std::string relative_path;  // below the walked directory, else the path as given
    bool from_walk = false;     // found in a directory: skipped if it is no archive format
};

// Fails when a directory cannot be listed; files are opened (and may fail) later.
Result<std::vector<InputFile>, std::string> list_inputs(const std::vector<std::string>& paths);

}  // namespace dateline::indexer
