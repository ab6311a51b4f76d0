// The SQLite schema of the store, as a list of migrations (docs/store.md).
#ifndef ENTENTE_STORE_SQLITE_SCHEMA_H_
#define ENTENTE_STORE_SQLITE_SCHEMA_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace entente::store {

// PRAGMA application_id of entente databases ("ENTE"), so that another
// application's SQLite file is refused rather than modified.
inline constexpr int32_t kApplicationId = 0x454E5445;

// Migration i turns a schema of version i into version i + 1 (version 0 is
// the empty database). Each runs in its own transaction together with the
// user_version update, so a crash leaves either version. Never edit a
// released migration; append a new one and bump kStoreSchemaVersion.
const std::vector<std::string_view>& SqliteMigrations();

}  // namespace entente::store

#endif  // ENTENTE_STORE_SQLITE_SCHEMA_H_
