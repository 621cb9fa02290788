/// What one recorded observation or import changed in the journal.
public struct JournalChanges: Hashable, Sendable {
    /// Versions opened (new objects, and new versions of changed ones).
    public var opened: Int
    /// Versions closed (objects that changed or vanished).
    public var closed: Int
    /// Objects looked at whose open version still holds (objects a change set says nothing about
    /// are not looked at).
    public var unchanged: Int

    /// Creates a count.
    public init(opened: Int = 0, closed: Int = 0, unchanged: Int = 0) {
        self.opened = opened
        self.closed = closed
        self.unchanged = unchanged
    }
}
