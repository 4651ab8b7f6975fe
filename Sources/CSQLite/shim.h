#ifndef BACKHAUL_CSQLITE_SHIM_H
#define BACKHAUL_CSQLITE_SHIM_H
#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a macro casting -1 to a function pointer; Swift
/// cannot import it, so hand it over as a function.
static inline sqlite3_destructor_type backhaul_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
