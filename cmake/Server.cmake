# `entente serve`: the HTTP API and the embedded web explorer (server/).
#
# entente_server is a static library of server/*.cc (tests excluded) plus
# the generated web_assets.cc, which embeds every file under web/public and
# every file listed in web/vendor.list (paths relative to web/node_modules)
# via tools/gen/embed_web.mjs. Without web/public or web/vendor.list the
# server builds with no assets and answers "/" with a 404.

# cpp-httplib from Debian (libcpp-httplib-dev): the packaged build is a
# compiled library whose header must see the same CPPHTTPLIB_* definitions,
# which its pkg-config file provides.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

set(ENTENTE_WEB_DIR ${PROJECT_SOURCE_DIR}/web)
set(_entente_web_list ${ENTENTE_WEB_DIR}/vendor.list)
set(_entente_web_cc ${ENTENTE_GENERATED_DIR}/server/web_assets.cc)
set(_entente_web_script ${PROJECT_SOURCE_DIR}/tools/gen/embed_web.mjs)

# Re-run CMake when files are added to or removed from web/public, or when
# the vendor list changes, so that the dependencies below stay complete.
file(GLOB_RECURSE _entente_web_public CONFIGURE_DEPENDS
     ${ENTENTE_WEB_DIR}/public/*)
set(_entente_web_depends ${_entente_web_script} ${_entente_web_public})
if(EXISTS ${_entente_web_list})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               ${_entente_web_list})
  list(APPEND _entente_web_depends ${_entente_web_list})
  file(STRINGS ${_entente_web_list} _entente_vendor_lines)
  foreach(line ${_entente_vendor_lines})
    string(REGEX REPLACE "#.*" "" line "${line}")
    string(STRIP "${line}" line)
    # A missing file is reported by embed_web.mjs, naming it.
    if(line AND EXISTS ${ENTENTE_WEB_DIR}/node_modules/${line})
      list(APPEND _entente_web_depends ${ENTENTE_WEB_DIR}/node_modules/${line})
    endif()
  endforeach()
endif()

add_custom_command(
  OUTPUT ${_entente_web_cc}
  COMMAND ${ENTENTE_NODE} ${_entente_web_script}
          --public ${ENTENTE_WEB_DIR}/public
          --vendor-list ${_entente_web_list}
          --node-modules ${ENTENTE_WEB_DIR}/node_modules
          --out ${_entente_web_cc}
  DEPENDS ${_entente_web_depends}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "Embedding the web explorer's assets"
  VERBATIM)

file(GLOB ENTENTE_SERVER_SOURCES CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/server/*.cc)
list(FILTER ENTENTE_SERVER_SOURCES EXCLUDE REGEX "_test\\.cc$")
add_library(entente_server STATIC ${ENTENTE_SERVER_SOURCES} ${_entente_web_cc})
target_include_directories(entente_server PUBLIC ${PROJECT_SOURCE_DIR}
                           PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(entente_server
  PUBLIC entente_lib PkgConfig::HTTPLIB nlohmann_json::nlohmann_json)

target_link_libraries(entente PRIVATE entente_server)
if(TARGET entente_tests)
  file(GLOB ENTENTE_SERVER_TEST_SOURCES CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/server/*_test.cc)
  target_sources(entente_tests PRIVATE ${ENTENTE_SERVER_TEST_SOURCES})
  target_link_libraries(entente_tests PRIVATE entente_server)
endif()
if(TARGET api_bench)
  target_link_libraries(api_bench PRIVATE entente_server)
endif()
