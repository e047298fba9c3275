# Every dependency is a Debian bookworm package installed by scripts/bootstrap.sh.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS system)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
# rabbitmq-c 0.11 (librabbitmq-dev) for the Bus port's RabbitMQ adapter; headers <amqp.h>, <amqp_tcp_socket.h>.
find_package(PkgConfig REQUIRED)
pkg_check_modules(RABBITMQ REQUIRED IMPORTED_TARGET librabbitmq>=0.11)
# Howard Hinnant's date (the C++20 time zones GCC 12 lacks), reading the system's tzdata.
find_package(date REQUIRED)

# SOCI ships neither a CMake config nor a pkg-config file in bookworm.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(soci INTERFACE)
target_include_directories(soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} /usr/include/postgresql)
target_link_libraries(soci INTERFACE ${SOCI_CORE_LIBRARY} ${SOCI_SQLITE3_LIBRARY} ${SOCI_POSTGRESQL_LIBRARY}
                                     SQLite::SQLite3 ${CMAKE_DL_LIBS})
# libsoci exports no type information for UBSan's vptr check: code using SOCI would not link with it.
if(MANAGE_SANITIZE)
  target_compile_options(soci INTERFACE -fno-sanitize=vptr)
endif()

# Asio/Beast with C++20 coroutines; see src/common/include/manage/common/asio.hpp for the include order.
add_library(asio INTERFACE)
target_link_libraries(asio INTERFACE Boost::boost Boost::system Threads::Threads OpenSSL::SSL OpenSSL::Crypto)
target_compile_definitions(asio INTERFACE BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)

# argon2id for users' passwords: Debian's libargon2 (OpenSSL 3.0 has no argon2).
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
