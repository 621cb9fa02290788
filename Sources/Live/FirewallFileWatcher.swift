#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Firewall
import Inventory

/// Watches `firewall/` under the configuration directory, so an admin can drop in a fresh
/// `show running-config` (`NAME.cfg`) or `show access-list` (`NAME.acl`) and the live console
/// shows its effect without a restart.
///
/// Each `poll()` lists the directory and compares every file's modification time and size with
/// the version in use. A changed file is read only once it is the same on two polls in a row
/// (a file being copied is not read half-written). A version that cannot be used — unreadable,
/// larger than `FirewallLimits.maxConfigBytes`, not UTF-8, empty, or with more parse errors than
/// the version in use — is not taken: the last good version stays, and `problems` says why, by
/// file and line. A removed file is dropped. At most `maximumFiles` files are read.
public struct FirewallFileWatcher: Sendable {
    /// The most files read from `firewall/`.
    public static let maximumFiles = 256

    /// What identifies a version of a file on disk.
    struct Stamp: Hashable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
    }

    /// One file in use: its stamp, its text and its parse errors.
    struct Version: Sendable {
        var stamp: Stamp?
        var text: String
        var errors: Int
    }

    /// The directory watched, `DIR/firewall`.
    public let directory: String
    private var inUse: [String: Version] = [:]
    private var lastSeen: [String: Stamp] = [:]
    /// Per file (`firewall/NAME.cfg`): why its newest version on disk is not the one in use.
    public private(set) var problems: [String: String] = [:]
    /// How many times a new version was taken.
    public private(set) var reloads = 0

    /// Watches `configurationDirectory/firewall`, starting from `initial` (what
    /// `LiveConfiguration.load` read), whose files' stamps are taken now.
    public init(configurationDirectory: String, initial: [FirewallConfigFile]) {
        directory = configurationDirectory + "/firewall"
        for file in initial {
            inUse[file.path] = Version(stamp: Self.stamp(directory + "/" + Self.name(file.path)), text: file.text,
                                       errors: Self.errors(file.text, capture: false).count)
            if let capture = file.accessListText {
                inUse[file.accessListPath] = Version(stamp: Self.stamp(directory + "/" + Self.name(file.accessListPath)),
                                                     text: capture, errors: Self.errors(capture, capture: true).count)
            }
        }
        for (path, version) in inUse { if let stamp = version.stamp { lastSeen[path] = stamp } }
    }

    /// The firewall files in use, each config with the capture of the same stem attached, by path.
    public var configs: [FirewallConfigFile] {
        var files: [FirewallConfigFile] = []
        for path in inUse.keys.sorted() where !path.hasSuffix(".acl") {
            guard let version = inUse[path] else { continue }
            var file = FirewallConfigFile(path: path, text: version.text)
            file.accessListText = inUse[file.accessListPath]?.text
            files.append(file)
        }
        return files
    }

    /// The health of the files: nil when every newest version is in use; a stale `config` source
    /// naming each file kept back otherwise.
    public var status: SourceHealth.Source? {
        guard !problems.isEmpty else { return nil }
        let lines = problems.keys.sorted().compactMap { path in problems[path].map { "\(path): \($0)" } }
        let text = lines.joined(separator: "; ")
        return SourceHealth.Source(kind: .config, phase: .stale, failure: text, stale: problems.keys.sorted(),
                                   summary: "config: \(text)")
    }

    /// Looks at the directory once; true when the files in use or the problems changed.
    public mutating func poll() -> Bool {
        let names = Self.list(directory)
        var present = Set<String>()
        var changed = false
        var problems = self.problems
        if names.count > Self.maximumFiles {
            problems["firewall/"] = "\(names.count) files; only the first \(Self.maximumFiles) (by name) are read"
        } else {
            problems["firewall/"] = nil
        }
        for name in names.prefix(Self.maximumFiles) {
            let path = "firewall/" + name
            guard let stamp = Self.stamp(directory + "/" + name) else { continue }
            present.insert(path)
            defer { lastSeen[path] = stamp }
            if inUse[path]?.stamp == stamp { continue }
            // Read only a version seen unchanged on two polls in a row.
            guard lastSeen[path] == stamp else { continue }
            let capture = name.hasSuffix(".acl")
            switch version(of: path, stamp: stamp, capture: capture) {
            case .success(let version):
                if inUse[path]?.text != version.text {
                    changed = true
                    reloads += 1
                }
                inUse[path] = version
                problems[path] = nil
            case .failure(let problem):
                // Remember the stamp so the same bad version is not read again.
                if var kept = inUse[path] {
                    kept.stamp = stamp
                    inUse[path] = kept
                    problems[path] = problem.message + "; keeping the last good version"
                } else {
                    problems[path] = problem.message + "; not read"
                    inUse[path] = nil
                }
            }
        }
        for path in inUse.keys where !present.contains(path) {
            inUse[path] = nil
            changed = true
        }
        for path in problems.keys where path != "firewall/" && !present.contains(path) { problems[path] = nil }
        lastSeen = lastSeen.filter { present.contains($0.key) }
        if problems != self.problems {
            self.problems = problems
            changed = true
        }
        return changed
    }

    /// Why a version cannot be used.
    struct Problem: Error {
        var message: String
    }

    private func version(of path: String, stamp: Stamp, capture: Bool) -> Result<Version, Problem> {
        guard stamp.size <= FirewallLimits.maxConfigBytes else {
            return .failure(Problem(message: "\(stamp.size) bytes, more than the \(FirewallLimits.maxConfigBytes) read"))
        }
        guard let bytes = Self.contents(directory + "/" + Self.name(path), limit: FirewallLimits.maxConfigBytes) else {
            return .failure(Problem(message: "cannot be read"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Problem(message: "not UTF-8 text"))
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            return .failure(Problem(message: "empty"))
        }
        let errors = Self.errors(text, capture: capture)
        let allowed = inUse[path]?.errors ?? Int.max
        if errors.count > allowed, let first = errors.first {
            return .failure(Problem(message: "line \(first.line): \(first.message) (\(errors.count) parse "
                + "error\(errors.count == 1 ? "" : "s"), \(allowed) in the version in use)"))
        }
        return .success(Version(stamp: stamp, text: text, errors: errors.count))
    }

    /// The error diagnostics of a config or a capture.
    static func errors(_ text: String, capture: Bool) -> [ConfigDiagnostic] {
        let diagnostics = capture ? AccessListHitCounts.parse(text).diagnostics : FirewallConfig.parse(text).diagnostics
        return diagnostics.filter { $0.severity == .error }
    }

    // MARK: - Files

    private static func name(_ path: String) -> String {
        path.hasPrefix("firewall/") ? String(path.dropFirst(9)) : path
    }

    /// The regular files of `directory`, by name (hidden files skipped).
    static func list(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            names.append(name)
            if names.count > 4 * maximumFiles { break }
        }
        return names.sorted()
    }

    /// The stamp of a regular file, nil when it is not one.
    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        return Stamp(seconds: Int(info.st_mtimespec.tv_sec), nanoseconds: Int(info.st_mtimespec.tv_nsec), size: Int(info.st_size))
        #else
        return Stamp(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec), size: Int(info.st_size))
        #endif
    }

    /// The bytes of `path`, at most `limit`; nil when it cannot be opened.
    static func contents(_ path: String, limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= limit {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes.count > limit ? nil : bytes
    }
}
