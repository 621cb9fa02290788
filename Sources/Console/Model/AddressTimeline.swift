#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import History
import LPM

/// An address's owners over time, from the journal, for the Whois view: around the moment shown
/// (the past state of `:at`, else the time the Snapshot shown arrived).
internal struct AddressTimeline: Sendable {
    /// The journal read.
    internal let journal: Journal
    /// The moment the owners are looked up around.
    internal let moment: Date

    /// The owners of `ip` within a day of the moment, oldest first; network interfaces left out
    /// (as `whois --at` does); empty when the journal cannot say.
    internal func owners(of ip: IPAddress) -> [AddressOwnership] {
        ((try? journal.addressHistory(ip.description, around: moment)) ?? []).filter { $0.kind != .networkInterface }
    }
}
