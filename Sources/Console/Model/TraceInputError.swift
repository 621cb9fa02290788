/// Why the Trace form's input cannot be traced, one line.
internal struct TraceInputError: Error, Hashable, Sendable {
    /// The line.
    internal var message: String

    /// Creates an error.
    internal init(_ message: String) {
        self.message = message
    }
}
