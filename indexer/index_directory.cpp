// Index directory checks and the atomic swap (Linux renameat2).
#include "index_directory.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace dateline::indexer {
namespace fs = std::filesystem;

namespace {
bool has_xapian_marker(const fs::path& directory) {
    // Each Xapian backend marks its directory with an "iam<backend>" version file.
    constexpr std::array<const char*, 3> kMarkers = {"iamglass", "iamchert", "iamhoney"};
    std::error_code error;
    for (const char* marker : kMarkers)
        if (fs::exists(directory / marker, error)) return true;
    return false;
}

// What Xapian leaves of a glass database whose creation was cut short (the run was killed, or a
// write failed) before the version file was in place: its lock file, the version file's
// temporary copy and empty tables. Nothing was ever committed there.
bool holds_an_unfinished_creation(const fs::path& directory) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
        const fs::path name = entry.path().filename();
        const bool empty_table = name.extension() == ".glass" && entry.is_regular_file(error) &&
                                 entry.file_size(error) == 0;
        if (name != "flintlock" && name != "v.tmp" && !empty_table) return false;
    }
    return !error;
}
}  // namespace

fs::path index_path(const std::string& database) {
    fs::path path = fs::absolute(database).lexically_normal();
    if (!path.has_filename() && path.has_parent_path()) path = path.parent_path();
    return path;
}

Result<void, std::string> require_index(const std::string& database) {
    const fs::path path = index_path(database);
    std::error_code error;
    if (!fs::is_directory(path, error)) return Unexpected("no index at " + database);
    if (!has_xapian_marker(path)) return Unexpected(database + " is not a Dateline index");
    return {};
}

bool may_hold_index(const std::string& database) {
    const fs::path path = index_path(database);
    std::error_code error;
    if (!fs::exists(path, error)) return true;
    if (!fs::is_directory(path, error)) return false;
    return fs::is_empty(path, error) || has_xapian_marker(path) ||
           holds_an_unfinished_creation(path);
}

void clear_unfinished_creation(const std::string& database) {
    const fs::path path = index_path(database);
    std::error_code error;
    if (!fs::is_directory(path, error) || fs::is_empty(path, error) || has_xapian_marker(path) ||
        !holds_an_unfinished_creation(path))
        return;
    // Xapian's write lock is an open-file-description lock on "flintlock": while this process
    // holds it, no other run is creating the database here.
    const int lock = ::open((path / "flintlock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock < 0) return;  // Xapian will say why it cannot write here
    struct flock whole {};
    whole.l_type = F_WRLCK;
    whole.l_whence = SEEK_SET;
    if (::fcntl(lock, F_OFD_SETLK, &whole) == 0 && !has_xapian_marker(path) &&
        holds_an_unfinished_creation(path)) {
        for (const auto& entry : fs::directory_iterator(path, error))
            if (entry.path().filename() != "flintlock") fs::remove(entry.path(), error);
    }
    ::close(lock);  // releases the lock, for Xapian to take
}

fs::path staging_path(const fs::path& target, std::string_view purpose) {
    return target.string() + "." + std::string(purpose) + "-" + std::to_string(::getpid());
}

void remove_stale_staging(const fs::path& target, std::string_view purpose) {
    const std::string stem = target.filename().string() + "." + std::string(purpose) + "-";
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(target.parent_path(), error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(stem, 0) != 0) continue;
        const auto pid = static_cast<pid_t>(std::atol(name.c_str() + stem.size()));
        if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) == 0) continue;  // still running
        fs::remove_all(entry.path(), error);
    }
}

Result<void, std::string> exchange_directories(const std::string& staging,
                                               const std::string& target) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0)
        return Unexpected("cannot swap " + staging + " in for " + target + ": " +
                          std::strerror(errno));
    return {};
}

}  // namespace dateline::indexer
