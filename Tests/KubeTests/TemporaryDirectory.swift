import Foundation
import TestSupport

/// A scratch directory for one test, removed when the value is dropped.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kube-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// Writes `text` to `relative` (creating directories) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        let full = path + "/" + relative
        let directory = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if executable {
            try ExecutableScript.write(text, to: full)
        } else {
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return full
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A kubeconfig text with one cluster, user and context each (names and fields given).
func kubeconfig(cluster: String = "c", server: String = "https://a.example:6443", clusterFields: String = "",
                user: String = "u", userFields: String = "      token: abc", context: String = "ctx",
                current: String? = "ctx") -> String {
    """
    apiVersion: v1
    kind: Config
    clusters:
    - name: \(cluster)
      cluster:
        server: \(server)
    \(clusterFields)
    users:
    - name: \(user)
      user:
    \(userFields)
    contexts:
    - name: \(context)
      context:
        cluster: \(cluster)
        user: \(user)
    \(current.map { "current-context: \($0)" } ?? "")
    """
}
