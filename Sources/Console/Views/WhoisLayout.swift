/// The Whois view's geometry: the input row and a rule above the answer.
internal enum WhoisLayout {
    /// Rows the input takes.
    internal static let inputHeight = 2
}
