import GRDB

/// The journal's tables (schema version 2, in SQLite's `user_version`; `application_id` marks the
/// file as a Gatewatch journal).
///
/// - `kind` interns `BundleObjectKind` raw values; `object` is one row per (kind, key), ever.
/// - `content` holds each distinct body once (deduplicated by a 64-bit hash of the decoded body,
///   bytes compared). `codec` 0 is the body as a bundle holds it (compact JSON, or a firewall
///   file's text); `codec` 1 is a `ContentDelta` against the codec-0 body `base`.
/// - `version` is one row per version of an object, valid over `[valid_from, valid_to)` in
///   milliseconds since 1970 UTC; an open version has `valid_to` = `JournalSchema.open`. Indexed by
///   object, by `valid_from` and by `valid_to`: "state at T" reads from whichever side of T is smaller.
/// - `address` indexes every address a version owns (pod IPs, node addresses, ENI private IPs,
///   Elastic IPs, NAT gateway addresses) with the owner's role, for "history of address A".
/// - `meta` holds `covered_from` (the first time with a complete state) and `covered_to` (the last
///   observation).
/// - `event` (version 2) holds the console's events (`JournalEvent`), indexed by time, so its
///   Events view survives restarts.
enum JournalSchema {
    /// The schema version this build reads and writes.
    static let version = 2
    /// `PRAGMA application_id`: "GWJ1".
    static let applicationID: Int32 = 0x4757_4A31
    /// `valid_to` of a version that has not ended.
    static let open = Int64.max

    /// Migrations from each older version to the next; index 0 creates version 1 on an empty file.
    static let migrations: [@Sendable (Database) throws -> Void] = [createVersion1, addEvents]

    /// Version 2: the console's events.
    private static func addEvents(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE event (
                id INTEGER PRIMARY KEY,
                time INTEGER NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                message TEXT NOT NULL,
                severity TEXT NOT NULL);
            CREATE INDEX event_by_time ON event(time);
            """)
    }

    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE kind (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE object (
                id INTEGER PRIMARY KEY,
                kind INTEGER NOT NULL REFERENCES kind(id),
                key TEXT NOT NULL);
            CREATE UNIQUE INDEX object_by_key ON object(kind, key);
            CREATE TABLE content (
                id INTEGER PRIMARY KEY,
                hash INTEGER NOT NULL,
                codec INTEGER NOT NULL DEFAULT 0,
                base INTEGER REFERENCES content(id),
                body BLOB NOT NULL);
            CREATE INDEX content_by_hash ON content(hash);
            CREATE TABLE version (
                id INTEGER PRIMARY KEY,
                object INTEGER NOT NULL REFERENCES object(id),
                content INTEGER NOT NULL REFERENCES content(id),
                valid_from INTEGER NOT NULL,
                valid_to INTEGER NOT NULL);
            CREATE INDEX version_by_object ON version(object, valid_from);
            CREATE INDEX version_by_from ON version(valid_from);
            CREATE INDEX version_by_to ON version(valid_to);
            CREATE TABLE address (
                ip TEXT NOT NULL,
                version INTEGER NOT NULL REFERENCES version(id),
                role INTEGER NOT NULL,
                PRIMARY KEY (ip, version)) WITHOUT ROWID;
            CREATE INDEX address_by_version ON address(version);
            """)
    }

    /// Brings the database to `version` (creating it when empty), or throws when it is not a
    /// journal or was written by a newer schema. Runs in the writer's transaction.
    static func migrate(_ db: Database, path: String) throws {
        let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if found == 0 {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            guard tables == 0 else {
                throw JournalError.notAJournal(path: path, reason: "it holds other tables and no journal schema version")
            }
        } else {
            try check(found: found, application: application, path: path, writer: true)
        }
        guard found < version else { return }
        for step in found..<version {
            try migrations[step](db)
        }
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }

    /// Throws unless a journal with `found` and `application` can be used (read, or written when
    /// `writer`: a writer migrates older versions).
    static func check(found: Int, application: Int32, path: String, writer: Bool) throws {
        guard application == applicationID else {
            throw JournalError.notAJournal(path: path, reason: "its application id is \(application), expected \(applicationID)")
        }
        if found > version { throw JournalError.newerSchema(path: path, found: found, supported: version) }
        if found < version && !writer { throw JournalError.olderSchema(path: path, found: found, supported: version) }
    }
}
