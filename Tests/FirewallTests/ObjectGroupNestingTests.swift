import Testing
import Firewall

/// `group-object` nesting of any shape resolves once per group, without recursion, within the
/// limits of `FirewallLimits` (issue #18 item 1). Inputs are sized so that the former recursive,
/// path-copying resolver would crash or take minutes; these tests only assert results.
@Suite("Object-group nesting")
struct ObjectGroupNestingTests {
    /// A chain `g0 → g1 → … → g(depth-1)`: each group holds one host 10.x.y.1 and nests the next.
    static func chain(depth: Int) -> [String] {
        var lines: [String] = []
        for level in 0..<depth {
            lines.append("object-group network g\(level)")
            lines.append(" network-object host 10.\(level / 256).\(level % 256).1")
            if level + 1 < depth { lines.append(" group-object g\(level + 1)") }
        }
        return lines
    }

    static func parse(_ lines: [String]) -> FirewallConfig {
        FirewallConfig.parse(lines.joined(separator: "\n"))
    }

    /// The destinations of the first entry of ACL `acl`.
    static func destinations(_ config: FirewallConfig, acl: String = "acl") throws -> [AddressMember] {
        let list = try #require(config.accessLists[acl])
        return try #require(ExpandedAccessList(list, in: config).entries.first).destinations
    }

    static func limitProblems(_ config: FirewallConfig) -> [(line: Int, limit: FirewallLimits.Limit, subject: String)] {
        config.diagnostics.compactMap { d in
            if case .limitExceeded(let limit, let subject) = d.problem { return (d.line, limit, subject) }
            return nil
        }
    }

    @Test func chainOfTwentyThousandGroupsIsReportedOnceAndDoesNotCrash() throws {
        let lines = Self.chain(depth: 20_000) + ["access-list acl extended permit ip any object-group g0"]
        let parsed = Self.parse(lines)
        let groupLevel = Self.limitProblems(parsed).filter { $0.line != lines.count }
        // One report, at the group-object line where the nesting first gets too deep.
        let deepest = 20_000 - FirewallLimits.maxGroupDepth - 1
        #expect(groupLevel.count == 1)
        #expect(groupLevel.first?.limit == .groupDepth)
        #expect(groupLevel.first?.subject == "object-group g\(deepest)")
        #expect(groupLevel.first?.line == 3 * deepest + 3)
        // The entry using the over-deep group is reported too, and never matches.
        let entryLevel = Self.limitProblems(parsed).filter { $0.line == lines.count }
        #expect(entryLevel.map(\.limit) == [.groupDepth])
        #expect(try Self.destinations(parsed) == [.unresolved("g0")])
    }

    @Test func nestingAtTheDepthLimitResolvesEveryLevel() throws {
        let depth = FirewallLimits.maxGroupDepth
        let parsed = Self.parse(Self.chain(depth: depth) + ["access-list acl extended permit ip any object-group g0"])
        #expect(Self.limitProblems(parsed).isEmpty)
        let members = try Self.destinations(parsed)
        #expect(members.count == depth)
        #expect(members.last == .prefix(prefix("10.0.\(depth - 1).1/32")))
    }

    @Test func groupsBelowAnOverDeepOneStillResolve() throws {
        let parsed = Self.parse(Self.chain(depth: 20_000) + ["access-list acl extended permit ip any object-group g19990"])
        #expect(try Self.destinations(parsed).count == 10)
    }

    @Test func diamondNestingResolvesEachGroupOnce() throws {
        // Level k has groups a_k and b_k, each nesting both a_(k+1) and b_(k+1): 2^40 paths.
        let levels = 40
        var lines: [String] = []
        for level in 0..<levels {
            for side in ["a", "b"] {
                lines.append("object-group network \(side)\(level)")
                lines.append(" network-object host 10.\(side == "a" ? 1 : 2).\(level).1")
                if level + 1 < levels {
                    lines.append(" group-object a\(level + 1)")
                    lines.append(" group-object b\(level + 1)")
                }
            }
        }
        lines.append("access-list acl extended permit ip any object-group a0")
        let parsed = Self.parse(lines)
        #expect(parsed.errors.isEmpty)
        let members = try Self.destinations(parsed)
        // a0's own host, then every host of levels 1…39 once: 1 + 2 × 39.
        #expect(members.count == 1 + 2 * (levels - 1))
        #expect(members.first == .prefix(prefix("10.1.0.1/32")))
        #expect(Set(members).count == members.count)
    }

    @Test func groupReopenedManyTimesKeepsEveryMemberInOrder() throws {
        var lines: [String] = []
        for n in 0..<20_000 {
            lines.append("object-group network big")
            lines.append(" network-object host 10.\(n / 256 / 256).\(n / 256 % 256).\(n % 256)")
        }
        lines.append("access-list acl extended permit ip any object-group big")
        let parsed = Self.parse(lines)
        #expect(parsed.objectGroups["big"]?.entries.count == 20_000)
        #expect(parsed.objectGroups["big"]?.line == 1)
        let members = try Self.destinations(parsed)
        #expect(members.count == 20_000)
        #expect(members.last == .prefix(prefix("10.0.78.31/32")))
    }

    @Test func cycleIsReportedOnceAndEveryGroupOnItHasTheUnion() throws {
        let parsed = Self.parse([
            "object-group network c1", " network-object host 10.0.0.1", " group-object c2",
            "object-group network c2", " network-object host 10.0.0.2", " group-object c3",
            "object-group network c3", " network-object host 10.0.0.3", " group-object c1",
            "access-list acl extended permit ip any object-group c1",
            "access-list other extended permit ip any object-group c3",
        ])
        let cycles = parsed.diagnostics.compactMap { d -> (Int, [String])? in
            if case .groupCycle(let path) = d.problem { return (d.line, path) }
            return nil
        }
        #expect(cycles.count == 1)
        #expect(cycles.first?.0 == 9)
        #expect(cycles.first?.1 == ["c1", "c2", "c3", "c1"])
        let expected: Set<AddressMember> = [.prefix(prefix("10.0.0.1/32")), .prefix(prefix("10.0.0.2/32")),
                                            .prefix(prefix("10.0.0.3/32"))]
        #expect(Set(try Self.destinations(parsed)) == expected)
        #expect(Set(try Self.destinations(parsed, acl: "other")) == expected)
    }

    @Test func groupNestingItselfIsACycle() throws {
        let parsed = Self.parse(["object-group network self", " network-object host 10.0.0.1", " group-object self",
                                 "access-list acl extended permit ip any object-group self"])
        #expect(parsed.diagnostics.map(\.problem) == [.groupCycle(["self", "self"])])
        #expect(try Self.destinations(parsed) == [.prefix(prefix("10.0.0.1/32"))])
    }

    @Test func longCycleIsReportedWithoutCrashing() throws {
        var lines: [String] = []
        for n in 0..<20_000 {
            lines += ["object-group network r\(n)", " network-object host 10.0.\(n / 256 % 256).\(n % 256)",
                      " group-object r\((n + 1) % 20_000)"]
        }
        let parsed = Self.parse(lines)
        let cycles = parsed.diagnostics.filter { if case .groupCycle = $0.problem { true } else { false } }
        #expect(cycles.count == 1)
    }

    @Test func groupLargerThanTheMemberLimitIsReportedAtItsDefinition() throws {
        // Two nested halves, each within the limit, whose union is not.
        let half = FirewallLimits.maxExpandedMembers / 2 + 1
        var lines = ["object-group network both", " group-object low", " group-object high"]
        for (name, second) in [("low", 0), ("high", 128)] {
            lines.append("object-group network \(name)")
            for n in 0..<half {
                lines.append(" network-object host 10.\(second + n / 65_536).\(n / 256 % 256).\(n % 256)")
            }
        }
        lines.append("access-list acl extended permit ip any object-group both")
        let parsed = Self.parse(lines)
        let problems = Self.limitProblems(parsed)
        #expect(problems.map(\.limit) == [.expandedMembers, .expandedMembers])
        #expect(problems.map(\.line) == [1, lines.count])
        #expect(try Self.destinations(parsed) == [.unresolved("both")])
    }

    @Test func overlongLineIsReportedAndSkipped() {
        let long = "access-list acl remark " + String(repeating: "x", count: FirewallLimits.maxLineLength)
        let parsed = Self.parse([long, "access-list acl extended permit ip any any"])
        #expect(Self.limitProblems(parsed).map(\.limit) == [.lineLength])
        #expect(Self.limitProblems(parsed).map(\.line) == [1])
        #expect(parsed.accessLists["acl"]?.lines.count == 1)
    }
}
