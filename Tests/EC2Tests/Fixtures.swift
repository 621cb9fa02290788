import Foundation
import TestSupport

/// Paths of the EC2 peer fixtures (Tests/Peers/ec2/fixtures).
enum Fixtures {
    static let root = PeerProcess.repositoryRoot.appendingPathComponent("Tests/Peers/ec2/fixtures")

    /// The bytes of `fixtures/<set>/<name>`.
    static func bytes(_ set: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(set).appendingPathComponent(name)))
    }

    /// A JSON object from `fixtures/<path>`.
    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent(path)))
    }
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "gatewatch-ec2-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let file = path + "/" + name
        if executable {
            try ExecutableScript.write(text, to: file)
        } else {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
