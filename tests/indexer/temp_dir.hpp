// TempDir: a fresh directory under the system's temporary folder, removed with everything in
// it when the test is done. Not thread-safe; one per test case.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace dateline::test {

class TempDir {
public:
    explicit TempDir(const std::string& purpose)
        : path_(std::filesystem::temp_directory_path() /
                ("dateline-" + purpose + "-" + std::to_string(::getpid()) + "-" +
                 std::to_string(next_number()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    static int next_number() {
        static int number = 0;
        return ++number;
    }

    std::filesystem::path path_;
};

}  // namespace dateline::test
