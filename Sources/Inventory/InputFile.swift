#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input files with a size bound: a file (or device, or pipe) longer than the bound is
/// refused after reading at most one byte past it, so `/dev/zero` or a huge file never exhausts
/// memory.
public enum InputFile {
    /// Why a file was not read.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What was wrong (`larger than 16 MiB (InputLimits.maxConfigFileBytes)`).
        public var reason: String

        /// `PATH: REASON`.
        public var description: String { "\(path): \(reason)" }
    }

    /// The bytes of `path`, at most `limit` of them.
    public static func read(_ path: String, limit: Int) -> Result<[UInt8], Problem> {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Problem(path: path, reason: "no such file"))
        }
        if isDirectory { return .failure(Problem(path: path, reason: "is a directory, expected a file")) }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            return .failure(tooLarge(path, limit))
        }
        guard let file = fopen(path, "rb") else {
            return .failure(Problem(path: path, reason: "cannot be read (permissions?)"))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let wanted = min(buffer.count, limit + 1 - bytes.count)
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, wanted, file) }
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < wanted {
                if ferror(file) != 0 { return .failure(Problem(path: path, reason: "cannot be read")) }
                break
            }
        }
        if bytes.count > limit { return .failure(tooLarge(path, limit)) }
        return .success(bytes)
    }

    /// The bytes of `path` when it exists, is readable and holds at most `limit` bytes.
    public static func bytes(_ path: String, limit: Int) -> [UInt8]? {
        try? read(path, limit: limit).get()
    }

    /// The text of `path` (invalid UTF-8 repaired) when it exists, is readable and holds at most
    /// `limit` bytes.
    public static func text(_ path: String, limit: Int = InputLimits.maxConfigFileBytes) -> String? {
        bytes(path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The refusal for an input over `limit` bytes.
    static func tooLarge(_ path: String, _ limit: Int) -> Problem {
        Problem(path: path, reason: "larger than \(byteCount(limit)); expected at most that much (a resource limit)")
    }

    /// `16 MiB`, `512 KiB`, `300 bytes`.
    public static func byteCount(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
