#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GRDB

extension Journal {
    /// Every address the journal indexes (owners of any kind, ENI addresses included), as written.
    public func indexedAddresses() throws(JournalError) -> [String] {
        do {
            return try database.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT ip FROM address ORDER BY ip")
            }
        } catch {
            throw Self.map(error, path: path, writing: false)
        }
    }
}
