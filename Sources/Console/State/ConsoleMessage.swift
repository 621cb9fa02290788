/// A one-line message in the footer (until the next key): a command's answer, a theme problem.
struct ConsoleMessage: Hashable, Sendable {
    /// The text.
    var text: String
    /// True for errors.
    var isError: Bool

    /// Creates a message.
    init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
