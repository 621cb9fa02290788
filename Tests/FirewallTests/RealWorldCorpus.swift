#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared real-world inputs (`../shared/realworld` beside the package root), read in place:
/// tests that use them are skipped with a message when the folder is absent.
enum RealWorldCorpus {
    /// The `realworld` directory path, ending in `/`.
    static let directory: String = {
        var path = #filePath
        // …/Tests/FirewallTests/RealWorldCorpus.swift → the package root's parent.
        for _ in 0..<4 {
            while let last = path.last, last != "/" { path.removeLast() }
            path.removeLast()
        }
        return path + "/shared/realworld/"
    }()

    /// Why tests that need the corpus are skipped.
    static let absenceMessage = "../shared/realworld is absent: real-world corpus tests skipped"

    /// True when the ASA folder can be read.
    static var isAvailable: Bool {
        guard let dir = opendir(directory + "asa") else { return false }
        closedir(dir)
        return true
    }

    /// The text of `asa/<name>`, or nil when absent.
    static func asa(_ name: String) -> String? {
        readTextFile(directory + "asa/" + name)
    }

    /// The file names directly in `asa/<subfolder>` (sorted), without directories.
    static func asaFiles(in subfolder: String = "") -> [String] {
        let path = directory + "asa/" + subfolder
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            var info = stat()
            guard stat(path + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            names.append(name)
        }
        return names.sorted()
    }
}
