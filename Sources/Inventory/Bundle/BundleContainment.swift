#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Keeps a bundle's reads inside the bundle: a file that is (or lies under) a symbolic link
/// resolving outside the bundle directory is refused, so `snapshot` never copies, and errors
/// never quote, files from elsewhere.
struct BundleContainment {
    private let resolvedRoot: String

    init(root: String) {
        resolvedRoot = Self.resolve(root)
    }

    /// Why `relative` must not be read, or nil when it resolves inside the bundle.
    func problem(with relative: String) -> String? {
        let resolved = Self.resolve(resolvedRoot + "/" + relative)
        if resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/") { return nil }
        return "refused: a symbolic link to a file outside the bundle; expected the file itself inside the bundle"
    }

    /// `path` with every symbolic link resolved.
    private static func resolve(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
