/// One file of a bundle: its path relative to the bundle root and its bytes.
public struct BundleFile: Hashable, Sendable {
    /// The path relative to the bundle root, with `/` separators (`cluster/pods.yaml`).
    public var path: String
    /// The file's contents.
    public var contents: [UInt8]

    /// Creates a file.
    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    /// The part of the bundle the file belongs to, from its first path component.
    var area: String {
        path.split(separator: "/").first.map(String.init) ?? path
    }

    /// The file's extension, lower-cased.
    var fileExtension: String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return path[path.index(after: dot)...].lowercased()
    }
}
