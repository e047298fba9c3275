#pragma once
#include "manage/common/ids.hpp"

#include <filesystem>

namespace manage::infra::testing {

// A directory of its own under the system's temporary directory, removed with everything in it.
class TempDirectory {
public:
    TempDirectory() : path_(std::filesystem::temp_directory_path() / ("manage-test-" + new_short_id())) {
        std::filesystem::create_directories(path_);
    }
    ~TempDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDirectory(const TempDirectory &) = delete;
    TempDirectory &operator=(const TempDirectory &) = delete;

    const std::filesystem::path &path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace manage::infra::testing
