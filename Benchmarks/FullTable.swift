import Foundation
import LPM

/// Reads the real full routing table (`fullview-prefixes.txt.gz`: one CIDR prefix per line).
enum FullTable {
    /// Errors reading the file.
    struct ReadError: Error, CustomStringConvertible {
        let path: String
        let status: Int32
        var description: String { "gzip -dc \(path) exited with status \(status)" }
    }

    /// The IPv4 and IPv6 prefixes of the file, in file order, and the number of lines that are
    /// not a strict prefix.
    static func load(_ path: String) throws -> (ipv4: [IPPrefix], ipv6: [IPPrefix], rejected: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ReadError(path: path, status: process.terminationStatus) }

        var ipv4: [IPPrefix] = []
        var ipv6: [IPPrefix] = []
        var rejected = 0
        for rawLine in data.split(separator: UInt8(ascii: "\n")) {
            // The file has CRLF line ends.
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            guard let prefix = try? IPPrefix(String(decoding: line, as: UTF8.self)) else {
                rejected += 1
                continue
            }
            if prefix.family == .v4 { ipv4.append(prefix) } else { ipv6.append(prefix) }
        }
        return (ipv4, ipv6, rejected)
    }
}
