# Every target of the project compiles with these; third-party headers come in as SYSTEM includes.
add_library(manage_warnings INTERFACE)
# -Wno-mismatched-new-delete: GCC 12 reports a false positive on Asio's coroutine frames, whose
# class-specific operator new/delete pair is correct (GCC bug 109224). -Wno-restrict: at -O3 GCC 12
# reports impossible overlaps inside libstdc++'s std::string concatenation (GCC bug 105329).
target_compile_options(manage_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor
                                                 -Wno-missing-field-initializers -Wno-mismatched-new-delete -Wno-restrict)
