/// Whether an entry takes part in matching for one packet at one time: `inactive`, its
/// `time-range` and FTD's `ifc` qualifier. Shared by the linear and the compiled evaluator so
/// they cannot disagree on it.
internal enum EntryActivity {
    /// The outcome for one entry.
    internal enum State {
        /// The entry does not take part.
        case skipped
        /// The entry takes part.
        case active
        /// The entry takes part because its time range was assumed active.
        case assumedActive
    }

    /// The state of `entry` for `packet` (its ingress interface, and its egress interface when
    /// known: an `ifc` on the destination is assumed to match when it is not).
    internal static func state(of entry: ExpandedAccessControlEntry, packet: FirewallPacket,
                               at time: LocalDateTime?) -> State {
        if entry.entry.isInactive { return .skipped }
        if !entry.admitsIngress(packet.ingressInterface) { return .skipped }
        if let egress = packet.egressInterface, !entry.admitsEgress(egress) { return .skipped }
        guard entry.entry.timeRange != nil else { return .active }
        guard let time, let range = entry.timeRange else { return .assumedActive }
        return range.isActive(at: time) ? .active : .skipped
    }
}
