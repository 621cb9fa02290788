/// The line of one access list that decided a packet: the first active entry with a matching
/// child (docs/cisco-firewall.md §6).
public struct AccessListMatch: Hashable, Sendable {
    /// The access-list name.
    public let accessList: String
    /// The entry's `show access-list` line number (children share it).
    public let lineNumber: Int
    /// The entry as configured.
    public let entry: AccessControlEntry
    /// The position of the entry among the access list's entries (remarks not counted).
    public let entryIndex: Int
    /// The index of the matching child in the entry's expansion order.
    public let elementIndex: Int
    /// The matching child.
    public let element: AccessListElement
    /// True when the entry has a `time-range` that was assumed active: no evaluation time was
    /// given, or the time range is not defined.
    public let timeRangeAssumedActive: Bool

    /// Creates a match.
    public init(accessList: String, lineNumber: Int, entry: AccessControlEntry, entryIndex: Int, elementIndex: Int,
                element: AccessListElement, timeRangeAssumedActive: Bool) {
        self.accessList = accessList
        self.lineNumber = lineNumber
        self.entry = entry
        self.entryIndex = entryIndex
        self.elementIndex = elementIndex
        self.element = element
        self.timeRangeAssumedActive = timeRangeAssumedActive
    }

    /// The entry's action.
    public var action: AccessControlEntry.Action { entry.action }

    /// The matching child as `show access-list` prints it.
    public var elementText: String {
        element.text(accessList: accessList, lineNumber: lineNumber, kind: entry.kind, action: entry.action)
    }
}
