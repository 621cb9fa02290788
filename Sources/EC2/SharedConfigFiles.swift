import Foundation
import Inventory

/// The AWS shared `config` and `credentials` files, parsed into profiles. In `config`, sections
/// are `[default]` and `[profile name]` (`[services x]` and `[sso-session x]` are kept apart); in
/// `credentials` they are `[name]`. For the same profile, `credentials` wins over `config`, as in botocore.
public struct SharedConfigFiles: Sendable, Equatable {
    /// Profile name → merged settings (keys lower-cased).
    public var profiles: [String: [String: String]]
    /// Profile name → settings from the credentials file only (where botocore looks for keys first).
    public var credentialsFileProfiles: [String: [String: String]]
    /// Profile name → settings from the config file only.
    public var configFileProfiles: [String: [String: String]]
    /// `[services name]` sections of the config file: `ec2.endpoint_url` and the like (nested keys joined with `.`).
    public var services: [String: [String: String]]
    /// Where the files were looked for, for messages.
    public var configPath: String
    /// Where the credentials file was looked for.
    public var credentialsPath: String

    /// Reads both files (missing files are empty) from `AWS_CONFIG_FILE`/`AWS_SHARED_CREDENTIALS_FILE`
    /// or `$HOME/.aws/…`.
    public static func load(environment: [String: String]) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func expand(_ path: String) -> String {
            path.hasPrefix("~/") ? home + path.dropFirst(1) : path
        }
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configText = InputFile.text(configPath) ?? ""
        let credentialsText = InputFile.text(credentialsPath) ?? ""
        return SharedConfigFiles(configText: configText, credentialsText: credentialsText,
                                 configPath: configPath, credentialsPath: credentialsPath)
    }

    /// Parses the two files' contents.
    public init(configText: String, credentialsText: String, configPath: String = "config",
                credentialsPath: String = "credentials") {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        var config: [String: [String: String]] = [:]
        var services: [String: [String: String]] = [:]
        for (section, values) in Self.parse(configText) {
            let name: String
            if section.hasPrefix("services ") {
                services[section.dropFirst("services ".count).trimmingCharacters(in: .whitespaces), default: [:]]
                    .merge(values) { _, new in new }
                continue
            } else if section == "default" {
                name = "default"
            } else if section.hasPrefix("profile ") {
                name = section.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
            } else {
                continue
            }
            config[name, default: [:]].merge(values) { _, new in new }
        }
        var credentials: [String: [String: String]] = [:]
        for (section, values) in Self.parse(credentialsText) {
            credentials[section, default: [:]].merge(values) { _, new in new }
        }
        self.services = services
        configFileProfiles = config
        credentialsFileProfiles = credentials
        var merged = config
        for (name, values) in credentials { merged[name, default: [:]].merge(values) { _, new in new } }
        profiles = merged
    }

    /// The merged settings of one profile, nil when neither file has it.
    public func profile(_ name: String) -> [String: String]? {
        profiles[name]
    }

    /// INI sections in order: `[name]` headers, `key = value` lines, `#`/`;` comments; indented
    /// lines after `key =` form a nested block, stored as `key.subkey`.
    static func parse(_ text: String) -> [(String, [String: String])] {
        var sections: [(String, [String: String])] = []
        var current: String?
        var values: [String: String] = [:]
        var nestedUnder: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                if let name = current { sections.append((name, values)) }
                let inner = line.dropFirst().prefix { $0 != "]" }
                current = inner.trimmingCharacters(in: .whitespaces)
                values = [:]
                nestedUnder = nil
                continue
            }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            guard current != nil, let equals = line.firstIndex(of: "=") else { continue }
            if indented {
                guard let parent = nestedUnder else { continue }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                values["\(parent).\(key)"] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // Inline comments need a space before the marker, as in botocore.
            for marker in [" #", " ;"] {
                if let range = value.range(of: marker) { value = value[..<range.lowerBound].trimmingCharacters(in: .whitespaces) }
            }
            values[key] = value
            nestedUnder = value.isEmpty ? key : nil
        }
        if let name = current { sections.append((name, values)) }
        return sections
    }
}
