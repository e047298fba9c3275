# Every target of the project compiles with these; third-party headers come in as SYSTEM includes.
add_library(manage_warnings INTERFACE)
target_compile_options(manage_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor
                                                 -Wno-missing-field-initializers)
