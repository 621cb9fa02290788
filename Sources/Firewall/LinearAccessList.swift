/// The reference evaluator: walks the lines in order and, within each entry, its expanded
/// children in order, and stops at the first child that matches (docs/cisco-firewall.md §6).
///
/// It is deliberately straightforward; `CompiledAccessList` must give exactly its answers.
public struct LinearAccessList: Hashable, Sendable {
    /// The expanded access list it walks.
    public let expanded: ExpandedAccessList

    /// Wraps an expanded access list.
    public init(_ expanded: ExpandedAccessList) {
        self.expanded = expanded
    }

    /// The deciding line for `packet` at `time` (device clock; nil assumes time ranges active),
    /// or nil when no line matches.
    public func firstMatch(_ packet: FirewallPacket, at time: LocalDateTime?) -> AccessListMatch? {
        for (index, entry) in expanded.entries.enumerated() {
            let state = EntryActivity.state(of: entry, packet: packet, at: time)
            if case .skipped = state { continue }
            guard let (elementIndex, element) = entry.firstMatchingElement(packet) else { continue }
            var assumed = false
            if case .assumedActive = state { assumed = true }
            return AccessListMatch(accessList: expanded.name, lineNumber: entry.lineNumber, entry: entry.entry,
                                   entryIndex: index, elementIndex: elementIndex, element: element,
                                   timeRangeAssumedActive: assumed)
        }
        return nil
    }

    /// The index of the deciding entry only (what a benchmark compares), or nil.
    public func firstMatchingEntryIndex(_ packet: FirewallPacket, at time: LocalDateTime?) -> Int? {
        for (index, entry) in expanded.entries.enumerated() {
            if case .skipped = EntryActivity.state(of: entry, packet: packet, at: time) { continue }
            if entry.firstMatchingElement(packet) != nil { return index }
        }
        return nil
    }
}
