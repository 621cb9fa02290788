extension AccessListHitCounts {
    /// Parses `show access-list` output. Never fails as a whole: a malformed line becomes a
    /// diagnostic with its dump line and what was expected, and reading goes on. The
    /// `access-list cached ACL log flows` preamble, blank lines and a CLI prompt echoing the
    /// command are skipped.
    public static func parse(_ text: String, file: String? = nil) -> AccessListHitCounts {
        var result = AccessListHitCounts(file: file)
        var parent: (accessList: String, lineNumber: Int)?
        var seenAccessList = false
        for (index, raw) in ConfigParser.lines(text).enumerated() {
            let number = index + 1
            let tokens = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = tokens.first else { continue }
            let indented = raw.first == " " || raw.first == "\t"
            func fail(_ expected: String, _ found: String?, severity: ConfigDiagnostic.Severity = .error) {
                result.diagnostics.append(ConfigDiagnostic(line: number, severity: severity,
                                                           problem: .expected(expected, found: found),
                                                           text: tokens.joined(separator: " ")))
            }
            guard first.lowercased() == "access-list" else {
                if indented, tokens.first == "alert-interval" { continue }
                if !seenAccessList, result.capturedAt == nil, let time = captureTime(tokens) {
                    result.capturedAt = time
                    continue
                }
                if tokens.count >= 2, tokens[0].hasSuffix("#") || tokens[0].hasSuffix(">"),
                   tokens[1].lowercased().hasPrefix("sh") {
                    continue
                }
                fail("an 'access-list' line", first)
                continue
            }
            seenAccessList = true
            guard tokens.count >= 2 else {
                fail("an access-list name", nil)
                continue
            }
            if tokens[1] == "cached" { continue }
            if tokens[1].hasSuffix(";") {
                if let problem = result.readHeader(tokens, line: number) { fail(problem.expected, problem.found) }
                parent = nil
                continue
            }
            let name = tokens[1]
            guard tokens.count >= 4, tokens[2].lowercased() == "line", let lineNumber = Int(tokens[3]), lineNumber >= 1
            else {
                let found = tokens.count > 2 && tokens[2].lowercased() == "line"
                    ? tokens.dropFirst(3).first : tokens.dropFirst(2).first
                fail("'line N' after the access-list name", found)
                continue
            }
            guard tokens.count >= 5 else {
                fail("remark or an entry type (extended, advanced, standard…)", nil)
                continue
            }
            if tokens[4].lowercased() == "remark" {
                if indented {
                    fail("an entry line (a remark has no elements)", "remark")
                    continue
                }
                let remark = ConfigParser.textAfter(raw, keyword: "remark")
                if let problem = result.add(Line(accessList: name, lineNumber: lineNumber, kind: .remark(remark),
                                                 text: "remark " + remark, hitCount: nil, isInactive: false,
                                                 hash: nil, elements: [], fileLine: number)) {
                    fail(problem.expected, problem.found)
                }
                parent = nil
                continue
            }
            let counted = Counted(tokens[4...])
            if counted.hitCount == nil && !counted.isInactive {
                // Kept with its number, without a count.
                fail("'(hitcnt=N)' or '(inactive)' at the end of the entry", tokens.last, severity: .warning)
            }
            if indented {
                guard let parent, parent.accessList == name, parent.lineNumber == lineNumber else {
                    fail("an element of the entry above (access-list \(parent?.accessList ?? "?") line "
                        + "\(parent.map { String($0.lineNumber) } ?? "?"))", "access-list \(name) line \(lineNumber)")
                    continue
                }
                result.accessLists[name]?[lineNumber]?.elements.append(Element(
                    text: counted.body, hitCount: counted.hitCount, isInactive: counted.isInactive, hash: counted.hash,
                    fileLine: number))
                continue
            }
            let problem = result.add(Line(accessList: name, lineNumber: lineNumber,
                                          kind: .entry(type: tokens[4].lowercased()), text: counted.body,
                                          hitCount: counted.hitCount, isInactive: counted.isInactive,
                                          hash: counted.hash, elements: [], fileLine: number))
            if let problem { fail(problem.expected, problem.found) }
            parent = problem == nil ? (name, lineNumber) : nil
        }
        return result
    }

    /// An entry's tokens with the device's trailing annotations taken off.
    private struct Counted {
        var body: String
        var hitCount: Int?
        var isInactive = false
        var hash: String?

        init(_ tokens: ArraySlice<String>) {
            var kept: [String] = []
            for token in tokens {
                if token.hasPrefix("(hitcnt="), token.hasSuffix(")") {
                    hitCount = Int(token.dropFirst("(hitcnt=".count).dropLast())
                } else if token == "(inactive)" {
                    isInactive = true
                } else {
                    kept.append(token)
                }
            }
            if let last = kept.last, last.hasPrefix("0x"), last.count > 2,
               last.dropFirst(2).allSatisfy(\.isHexDigit) {
                hash = last
                kept.removeLast()
            }
            body = kept.joined(separator: " ")
        }
    }

    /// What was expected instead of what was found.
    private struct Problem: Equatable {
        let expected: String
        let found: String?
    }

    private mutating func readHeader(_ tokens: [String], line: Int) -> Problem? {
        let name = String(tokens[1].dropLast())
        guard tokens.count >= 4, let count = Int(tokens[2]), tokens[3].hasPrefix("element") else {
            return Problem(expected: "'N elements;' after the access-list name",
                           found: tokens.count > 2 ? tokens[2] : nil)
        }
        var hash: String?
        if let index = tokens.firstIndex(of: "hash:"), index + 1 < tokens.count { hash = tokens[index + 1] }
        headers[name] = Header(accessList: name, elementCount: count, nameHash: hash, fileLine: line)
        if accessLists[name] == nil {
            accessLists[name] = [:]
            accessListOrder.append(name)
        }
        return nil
    }

    private mutating func add(_ line: Line) -> Problem? {
        if accessLists[line.accessList] == nil {
            accessLists[line.accessList] = [:]
            accessListOrder.append(line.accessList)
        }
        if let existing = accessLists[line.accessList]?[line.lineNumber] {
            return Problem(expected: "one line \(line.lineNumber) per access list (already on dump line "
                + "\(existing.fileLine))", found: "line \(line.lineNumber)")
        }
        accessLists[line.accessList]?[line.lineNumber] = line
        return nil
    }

    /// A capture time: an ISO-8601 time (after an optional `!`, `#` or `:`), or `show clock`
    /// output `HH:MM:SS[.fff] ZONE Weekday Month Day Year`.
    private static func captureTime(_ tokens: [String]) -> EvaluationTime? {
        var words = tokens
        if let first = words.first, ["!", "#", ":"].contains(first) { words.removeFirst() }
        if words.count == 1, let time = try? EvaluationTime.parseISO8601(words[0]) { return time }
        var clock = words
        if let first = clock.first, first.hasPrefix("*") || first.hasPrefix(".") {
            clock[0] = String(first.dropFirst())
        }
        guard clock.count == 6 else { return nil }
        let timeParts = clock[0].split(separator: ".")[0].split(separator: ":").compactMap { Int($0) }
        guard timeParts.count == 3, let day = Int(clock[4]), let year = Int(clock[5]),
              let month = ConfigParser.monthNames.firstIndex(where: { $0.hasPrefix(clock[3].lowercased()) }),
              clock[3].count >= 3,
              let local = LocalDateTime(year: year, month: month + 1, day: day, hour: timeParts[0],
                                        minute: timeParts[1], second: timeParts[2])
        else { return nil }
        return .deviceLocal(local)
    }
}

extension ConfigParser {
    /// The text of `line` after the first `keyword` token, trimmed.
    internal static func textAfter(_ line: Substring, keyword: String) -> String {
        var t = TokenCursor(line)
        while let word = t.next() {
            if word.lowercased() == keyword { return t.isAtEnd ? "" : t.rest() }
        }
        return ""
    }
}
