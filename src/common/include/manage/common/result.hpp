#pragma once
// Expected failures travel as values; exceptions stay inside adapters and parsers.
#include <boost/outcome/result.hpp>
#include <boost/outcome/try.hpp>

#include <string>

namespace manage {

// A failure a caller can act on: a stable machine-readable code, a sentence for people, and the
// offending field (a JSON pointer or a configuration key path) where there is one.
struct Error {
    std::string code;
    std::string message;
    std::string field;
};

namespace outcome = boost::outcome_v2;

template <class T> using Result = outcome::result<T, Error, outcome::policy::terminate>;

inline auto fail(std::string code, std::string message, std::string field = {}) {
    return outcome::failure(Error{std::move(code), std::move(message), std::move(field)});
}

inline Result<void> ok() {
    return outcome::success();
}

} // namespace manage
