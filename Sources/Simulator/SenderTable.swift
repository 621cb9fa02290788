/// Every pod as a sender, by namespace and name: the table a Simulation was prepared with, shared
/// with the Simulations of later Snapshots, and the senders changed since kept apart on top, so a
/// pod event prepares one sender instead of copying a table of every pod. The changed senders are
/// folded into a table of their own once they pass `foldLimit`.
struct SenderTable: Sendable {
    /// How many changed senders are kept on top before they are folded in (one copy of the whole
    /// table per that many pod events).
    static let foldLimit = 4_096

    private var base: [PodKey: SenderInfo]
    private var changed: [PodKey: SenderInfo] = [:]

    /// A table of `senders`.
    init(_ senders: [PodKey: SenderInfo]) {
        base = senders
    }

    /// The sender of the pod `key` names.
    subscript(_ key: PodKey) -> SenderInfo? {
        get { changed.isEmpty ? base[key] : changed[key] ?? base[key] }
        set {
            guard let newValue else {
                changed[key] = nil
                base[key] = nil
                return
            }
            changed[key] = newValue
            if changed.count > Self.foldLimit {
                base.merge(changed) { _, new in new }
                changed = [:]
            }
        }
    }

    /// Every sender once, with its key (the changed one where a pod changed), in no particular order.
    var all: [(key: PodKey, value: SenderInfo)] {
        base.compactMap { entry in changed[entry.key] == nil ? entry : nil } + changed.map { $0 }
    }
}
