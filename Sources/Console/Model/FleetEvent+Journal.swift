#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import History

extension FleetEvent {
    /// The event as the journal keeps it.
    internal var journalEvent: JournalEvent {
        let severity: JournalEvent.Severity
        switch role {
        case .ok: severity = .ok
        case .warn: severity = .warn
        case .error, .stale: severity = .error
        default: severity = .info
        }
        return JournalEvent(time: Date(timeIntervalSince1970: time), kind: kind.rawValue, subject: subject, message: message,
                            severity: severity)
    }

    /// An event of an earlier session, read back from the journal: its drill-down target from its
    /// kind and subject.
    internal init(journal event: JournalEvent) {
        let kind = Kind(rawValue: event.kind) ?? .source
        let role: ThemeRole
        switch event.severity {
        case .ok: role = .ok
        case .warn: role = .warn
        case .error: role = .error
        case .info: role = .text
        }
        let target: DetailTarget?
        switch kind {
        case .gateway: target = .gateway(event.subject)
        case .pool: target = .pool(event.subject)
        case .elasticIP: target = .elasticIP(event.subject)
        case .source: target = nil
        }
        self.init(time: event.time.timeIntervalSince1970, kind: kind, subject: event.subject, message: event.message,
                  role: role, target: target)
    }
}
