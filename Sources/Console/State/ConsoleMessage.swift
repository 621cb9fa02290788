/// A one-line message in the footer (until the next key): a command's answer, a theme problem.
internal struct ConsoleMessage: Hashable, Sendable {
    /// The text.
    internal var text: String
    /// True for errors.
    internal var isError: Bool

    /// Creates a message.
    internal init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
