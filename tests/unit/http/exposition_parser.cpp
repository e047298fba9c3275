#include "unit/http/exposition_parser.hpp"

#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace manage::test {
namespace {

bool is_name_char(char c, bool first) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    return letter || (!first && c >= '0' && c <= '9');
}

class LineReader {
public:
    explicit LineReader(const std::string &line) : line_(line) {}

    std::string name() {
        const auto start = pos_;
        while (pos_ < line_.size() && is_name_char(line_[pos_], pos_ == start))
            ++pos_;
        if (pos_ == start)
            fail("expected a name");
        return line_.substr(start, pos_ - start);
    }

    bool take(char c) {
        if (pos_ < line_.size() && line_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!take(c))
            fail(std::string("expected '") + c + "'");
    }

    std::string quoted() {
        expect('"');
        std::string out;
        while (pos_ < line_.size() && line_[pos_] != '"') {
            char c = line_[pos_++];
            if (c == '\\') {
                const char escaped = pos_ < line_.size() ? line_[pos_++] : '\0';
                if (escaped != '\\' && escaped != '"' && escaped != 'n')
                    fail("bad escape");
                c = escaped == 'n' ? '\n' : escaped;
            }
            out += c;
        }
        expect('"');
        return out;
    }

    infra::Labels labels() {
        infra::Labels out;
        if (!take('{'))
            return out;
        while (!take('}')) {
            if (!out.empty())
                expect(',');
            auto label = name();
            expect('=');
            if (!out.emplace(label, quoted()).second)
                fail("label repeated");
        }
        return out;
    }

    double value() {
        expect(' ');
        const auto text = line_.substr(pos_);
        if (text == "+Inf")
            return std::numeric_limits<double>::infinity();
        if (text == "-Inf")
            return -std::numeric_limits<double>::infinity();
        if (text == "NaN")
            return std::numeric_limits<double>::quiet_NaN();
        char *end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size())
            fail("bad value");
        return v;
    }

    [[noreturn]] void fail(const std::string &what) const {
        throw std::runtime_error(what + " at column " + std::to_string(pos_) + " of: " + line_);
    }

private:
    const std::string &line_;
    std::size_t pos_ = 0;
};

// "x_bucket" belongs to the histogram "x" when one is declared.
std::string family_of(const Exposition &exposition, const std::string &name) {
    for (const std::string suffix : {"_bucket", "_sum", "_count"})
        if (name.ends_with(suffix)) {
            const auto base = name.substr(0, name.size() - suffix.size());
            const auto it = exposition.types.find(base);
            if (it != exposition.types.end() && it->second == "histogram")
                return base;
        }
    return name;
}

void parse_comment(Exposition &out, const std::string &line) {
    std::istringstream in(line);
    std::string hash, keyword, name;
    in >> hash >> keyword >> name;
    std::string rest;
    std::getline(in, rest);
    if (!rest.empty() && rest.front() == ' ')
        rest.erase(0, 1);
    if (keyword == "TYPE") {
        if (rest != "counter" && rest != "gauge" && rest != "histogram" && rest != "summary" && rest != "untyped")
            throw std::runtime_error("bad TYPE: " + line);
        if (!out.types.emplace(name, rest).second)
            throw std::runtime_error("TYPE repeated: " + line);
    } else if (keyword == "HELP") {
        out.help[name] = rest;
    }
}

} // namespace

double Exposition::value(const std::string &name, const infra::Labels &labels) const {
    for (const auto &sample : samples)
        if (sample.name == name && sample.labels == labels)
            return sample.value;
    throw std::out_of_range("no sample " + name);
}

Exposition parse_exposition(const std::string &text) {
    if (!text.empty() && text.back() != '\n')
        throw std::runtime_error("the exposition must end with a line feed");
    Exposition out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("#")) {
            parse_comment(out, line);
            continue;
        }
        LineReader reader(line);
        Sample sample;
        sample.name = reader.name();
        sample.labels = reader.labels();
        sample.value = reader.value();
        if (!out.types.contains(family_of(out, sample.name)))
            throw std::runtime_error("sample before its TYPE: " + line);
        out.samples.push_back(std::move(sample));
    }
    return out;
}

} // namespace manage::test
