extension PEMSource: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The file path, or only the size of inline PEM data (which may be a private key).
    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .data(let bytes): "inline PEM (\(bytes.count) bytes)"
        }
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the description, never the bytes.
    public var customMirror: Mirror { Mirror(self, children: ["source": description]) }
}
