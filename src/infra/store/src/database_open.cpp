#include "database_url.hpp"
#include "soci_database.hpp"

#include <system_error>

namespace manage::infra {
namespace {

Result<void> create_parent_directory(const std::filesystem::path &file) {
    const auto directory = file.parent_path();
    if (directory.empty())
        return ok();
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        return fail("database_unavailable", "cannot create the directory '" + directory.string() +
                                                "' of the SQLite database: " + error.message());
    return ok();
}

} // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string &url, std::size_t pool_size) {
    if (pool_size == 0)
        return fail("bad_database_pool", "the session pool needs at least one session");
    BOOST_OUTCOME_TRY(target, detail::parse_database_url(url));
    if (target.dialect == Dialect::sqlite) {
        BOOST_OUTCOME_TRY(create_parent_directory(target.sqlite_file));
    }
    return detail::SociDatabase::connect(std::move(target), pool_size);
}

} // namespace manage::infra
