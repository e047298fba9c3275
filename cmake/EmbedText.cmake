# Turns a text file into a C++ source defining `std::string_view <FUNCTION>()` in <NAMESPACE>, so the
# binary carries the file (docs/openapi.json) without reading it at run time.
#   cmake -DINPUT=<file> -DOUTPUT=<file.cpp> -DNAMESPACE=<ns> -DFUNCTION=<name> -DINCLUDE=<header> -P EmbedText.cmake
# The text goes into raw string literals of at most 60,000 bytes each, cut at line ends: -Wpedantic
# warns about literals longer than the 65,536 characters C++ promises to support.
foreach(var INPUT OUTPUT NAMESPACE FUNCTION INCLUDE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "EmbedText.cmake needs -D${var}=")
  endif()
endforeach()

file(READ "${INPUT}" text)
set(delimiter "embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains ')${delimiter}\"', which would end the raw string literal")
endif()

set(parts "")
string(LENGTH "${text}" remaining)
set(offset 0)
while(remaining GREATER 0)
  set(size 60000)
  if(remaining LESS_EQUAL size)
    set(size ${remaining})
  else()
    string(SUBSTRING "${text}" ${offset} ${size} chunk)
    string(FIND "${chunk}" "\n" last_newline REVERSE)
    if(last_newline LESS 0)
      message(FATAL_ERROR "${INPUT} has a line longer than 60,000 bytes")
    endif()
    math(EXPR size "${last_newline} + 1")
  endif()
  string(SUBSTRING "${text}" ${offset} ${size} chunk)
  string(APPEND parts "    R\"${delimiter}(${chunk})${delimiter}\",\n")
  math(EXPR offset "${offset} + ${size}")
  math(EXPR remaining "${remaining} - ${size}")
endwhile()

get_filename_component(input_name "${INPUT}" NAME)
file(WRITE "${OUTPUT}" "// Generated from ${input_name} by cmake/EmbedText.cmake: edit ${input_name}, not this file.
#include \"${INCLUDE}\"

#include <string>

namespace ${NAMESPACE} {
namespace {

constexpr std::string_view kParts[] = {
${parts}};

} // namespace

std::string_view ${FUNCTION}() {
    static const std::string text = [] {
        std::string all;
        for (const auto part : kParts)
            all += part;
        return all;
    }();
    return text;
}

} // namespace ${NAMESPACE}
")
