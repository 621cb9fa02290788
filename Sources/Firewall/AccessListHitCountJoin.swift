/// A `show access-list` dump joined to a parsed config: for every dump line, the config line of
/// the same access list and number, and for every element, the expanded element of the config's
/// entry it counts; with every line whose text does not match.
///
/// Lines are joined by access-list name and `show access-list` number. An entry's text matches
/// when both parse to the same rule (port names and numbers, logging options and object-group
/// search counts do not matter); an element matches the config element printed the same way.
public struct AccessListHitCountJoin: Hashable, Sendable {
    /// An element count joined to the config element it counts.
    public struct JoinedElement: Hashable, Sendable {
        /// The dump's element line.
        public let dump: AccessListHitCounts.Element
        /// The element's index among the config entry's expanded elements.
        public let elementIndex: Int
        /// The config element.
        public let element: AccessListElement
    }

    /// A dump line joined to its config line.
    public struct JoinedLine: Hashable, Sendable {
        /// The dump's line.
        public let dump: AccessListHitCounts.Line
        /// The config line with the same access list and number.
        public let configLine: AccessList.Line
        /// The dump's elements that match an element of the config entry.
        public let elements: [JoinedElement]
    }

    /// A dump line (or config line) the join could not pair.
    public struct Mismatch: Hashable, Sendable {
        /// Why.
        public enum Problem: Hashable, Sendable {
            /// The config has no extended or advanced access list of that name.
            case accessListNotConfigured
            /// The config's access list has no line of that number.
            case lineNotConfigured
            /// The config has the line; the dump does not.
            case lineNotInDump
            /// Both have the line, but it says something else.
            case textDiffers(dump: String, config: String)
            /// The dump's element matches no element of the config entry.
            case elementNotInConfig(String)
            /// The dump line is of an access-list type Gatewatch does not model (e.g. `standard`).
            case notModelled(type: String)
        }

        /// The access-list name.
        public let accessList: String
        /// The `show access-list` line number, when the problem concerns one line.
        public let lineNumber: Int?
        /// The dump line (1-based), when the problem comes from the dump.
        public let fileLine: Int?
        /// The config-file line, when the problem concerns a config line.
        public let configLine: Int?
        /// Why.
        public let problem: Problem
    }

    /// The joined lines, by access list in dump order, then by line number.
    public let lines: [JoinedLine]
    /// What did not join, in the same order.
    public let mismatches: [Mismatch]

    /// The joined line `lineNumber` of `accessList`, if any.
    public func line(_ lineNumber: Int, of accessList: String) -> JoinedLine? {
        lines.first { $0.dump.accessList == accessList && $0.dump.lineNumber == lineNumber }
    }
}

extension AccessListHitCounts {
    /// Joins these counts to `config` (see `AccessListHitCountJoin`).
    public func joined(to config: FirewallConfig) -> AccessListHitCountJoin {
        var joined: [AccessListHitCountJoin.JoinedLine] = []
        var mismatches: [AccessListHitCountJoin.Mismatch] = []
        func mismatch(_ name: String, _ line: Line?, configLine: Int? = nil,
                      _ problem: AccessListHitCountJoin.Mismatch.Problem) {
            mismatches.append(.init(accessList: name, lineNumber: line?.lineNumber, fileLine: line?.fileLine,
                                    configLine: configLine, problem: problem))
        }
        for name in accessListOrder {
            let dumpLines = lines(of: name)
            let modelled = dumpLines.filter {
                if case .entry(let type) = $0.kind { return type == "extended" || type == "advanced" }
                return true
            }
            for line in dumpLines where !modelled.contains(line) {
                if case .entry(let type) = line.kind { mismatch(name, line, .notModelled(type: type)) }
            }
            guard !modelled.isEmpty else { continue }
            guard let list = config.accessLists[name] else {
                mismatch(name, nil, .accessListNotConfigured)
                continue
            }
            let expanded = ExpandedAccessList(list, in: config)
            var expandedByNumber: [Int: ExpandedAccessControlEntry] = [:]
            for entry in expanded.entries { expandedByNumber[entry.lineNumber] = entry }
            for line in modelled {
                guard let configLine = list.line(numbered: line.lineNumber) else {
                    mismatch(name, line, .lineNotConfigured)
                    continue
                }
                guard AccessListHitCounts.sameLine(line, configLine, name: name, config: config) else {
                    mismatch(name, line, configLine: configLine.configLine,
                             .textDiffers(dump: line.text, config: AccessListHitCounts.body(of: configLine)))
                    continue
                }
                var elements: [AccessListHitCountJoin.JoinedElement] = []
                if let entry = expandedByNumber[line.lineNumber], !line.elements.isEmpty {
                    let index = AccessListHitCounts.elementIndex(entry, name: name)
                    for element in line.elements {
                        let key = AccessListHitCounts.elementKey(element.text)
                        if let (position, configElement) = index[key] {
                            elements.append(.init(dump: element, elementIndex: position, element: configElement))
                        } else {
                            mismatches.append(.init(accessList: name, lineNumber: line.lineNumber,
                                                    fileLine: element.fileLine, configLine: configLine.configLine,
                                                    problem: .elementNotInConfig(element.text)))
                        }
                    }
                }
                joined.append(.init(dump: line, configLine: configLine, elements: elements))
            }
            let dumpNumbers = Set(dumpLines.map(\.lineNumber))
            for number in list.lines.indices.map({ $0 + 1 }) where !dumpNumbers.contains(number) {
                mismatches.append(.init(accessList: name, lineNumber: number, fileLine: nil,
                                        configLine: list.lines[number - 1].configLine, problem: .lineNotInDump))
            }
        }
        return AccessListHitCountJoin(lines: joined, mismatches: mismatches)
    }

    /// The config line as `show access-list` prints it after `access-list NAME line N`.
    internal static func body(of line: AccessList.Line) -> String {
        let words = line.text.split(separator: " ")
        return words.dropFirst(2).joined(separator: " ")
    }

    /// True when the dump line and the config line say the same thing.
    internal static func sameLine(_ dump: Line, _ configLine: AccessList.Line, name: String,
                                  config: FirewallConfig) -> Bool {
        switch (dump.kind, configLine) {
        case (.remark(let text), .remark(let remark)):
            return text.split(separator: " ") == remark.remark.split(separator: " ")
        case (.entry, .entry(let entry)):
            var parser = ConfigParser()
            parser.config = config
            parser.config.accessLists[name] = nil
            parser.parseAccessListCommand(line: 1, text: Substring("access-list \(name) \(dump.text)"))
            guard case .entry(let printed)? = parser.config.accessLists[name]?.lines.first else { return false }
            return printed.isSameRule(as: entry)
        case (.entry, .unparsed(let unparsed)):
            return dump.text.split(separator: " ") == body(of: .unparsed(unparsed)).split(separator: " ")
        default:
            return false
        }
    }

    /// The config entry's elements by their printed key, first occurrence kept.
    internal static func elementIndex(_ entry: ExpandedAccessControlEntry, name: String)
        -> [[Substring]: (Int, AccessListElement)]
    {
        var index: [[Substring]: (Int, AccessListElement)] = [:]
        guard entry.elementCount <= FirewallLimits.maxExpandedMembers else { return index }
        var position = 0
        entry.forEachElement { element in
            let text = element.text(accessList: name, lineNumber: entry.lineNumber, kind: entry.entry.kind,
                                    action: entry.entry.action)
            let key = elementKey(String(text.split(separator: " ").dropFirst(4).joined(separator: " ")))
            if index[key] == nil { index[key] = (position, element) }
            position += 1
            return false
        }
        return index
    }

    /// An element's words up to its options, without parenthesised annotations (`(unresolved)`,
    /// a resolved FQDN's `(name)`).
    internal static func elementKey(_ text: String) -> [Substring] {
        var key: [Substring] = []
        for word in text.split(separator: " ") {
            if ["log", "time-range", "inactive", "rule-id", "event-log"].contains(word.lowercased()) { break }
            if word.hasPrefix("(") && word.hasSuffix(")") { continue }
            key.append(word)
        }
        return key
    }
}
