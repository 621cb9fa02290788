// The firewall suite: an object-group-heavy access list of 50,000 expanded elements, one million
// seeded packets, the compiled classifier against the linear reference in the same run.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Firewall
import LPM
import TestSupport

/// Compiled ACL classification against the linear first-match reference (issue 3 budgets:
/// ≥ 5 M packets/s on one thread, ≥ 100× the linear reference, compile ≤ 2 s; memory reported).
enum FirewallBenchmark {
    /// Expanded elements the synthetic access list reaches at least.
    static let elementTarget = 50_000
    /// Packets classified by the compiled classifier.
    static let packetCount = 1_000_000
    /// The linear reference runs on a prefix of the same packets, at most this long.
    static let linearSeconds = 3.0
    static let packetsPerSecondBudget = 5e6
    static let speedupBudget = 100.0
    static let compileBudgetSeconds = 2.0

    /// Runs the suite, printing figures and PASS/FAIL lines; false when a budget fails.
    static func run() -> Bool {
        print("\n== firewall: compiled access list vs linear reference")
        var rng = SplitMix64(seed: 0xF12E_3A11)
        let (text, groupCount) = syntheticConfig(&rng)
        let (config, parseSeconds) = time { FirewallConfig.parse(text) }
        guard let list = config.accessLists["bench_in"] else {
            print("FAIL  synthetic access list missing")
            return false
        }
        let (expanded, expandSeconds) = time { ExpandedAccessList(list, in: config) }
        let (compiled, compileSeconds) = time { CompiledAccessList(expanded) }
        let linear = LinearAccessList(expanded)
        figure("config", "\(text.utf8.count / 1024) KiB, \(list.lines.count) access-list lines, "
            + "\(expanded.entries.count) entries, \(groupCount) object-groups, \(config.errors.count) errors")
        figure("expanded elements", "\(expanded.elementCount)")
        figure("compiled rules / distinct rule sets", "\(compiled.ruleCount) / \(compiled.ruleSetCount)")
        figure("parse", milliseconds(parseSeconds))
        figure("expand + compile", milliseconds(expandSeconds + compileSeconds)
            + " (expand \(milliseconds(expandSeconds)), compile \(milliseconds(compileSeconds)))")
        figure("compiled structure memory", mebibytes(compiled.byteCount))

        let packets = syntheticPackets(list: expanded, count: packetCount, &rng)
        // Warm up, then measure.
        var checksum = 0
        for packet in packets.prefix(10_000) { checksum &+= compiled.firstMatchingEntryIndex(packet, at: nil) ?? -1 }
        var compiledResults = [Int32](repeating: 0, count: packets.count)
        let (_, compiledSeconds) = time {
            for (index, packet) in packets.enumerated() {
                compiledResults[index] = Int32(compiled.firstMatchingEntryIndex(packet, at: nil) ?? -1)
            }
        }
        let compiledRate = Double(packets.count) / compiledSeconds
        let finalEntry = Int32(expanded.entries.count - 1)
        var matched = 0
        var entrySum = 0
        for result in compiledResults where result >= 0 && result < finalEntry {
            matched += 1
            entrySum &+= Int(result)
        }

        var linearCount = 0
        var disagreements = 0
        let linearStart = now()
        var linearElapsed = 0.0
        while linearCount < packets.count && (linearCount < 200 || linearElapsed < linearSeconds) {
            let packet = packets[linearCount]
            let answer = Int32(linear.firstMatchingEntryIndex(packet, at: nil) ?? -1)
            if answer != compiledResults[linearCount] { disagreements += 1 }
            linearCount += 1
            if linearCount % 16 == 0 { linearElapsed = now() - linearStart }
        }
        linearElapsed = now() - linearStart
        let linearRate = Double(linearCount) / linearElapsed
        let speedup = compiledRate / linearRate

        figure("packets", "\(packets.count) seeded; \(percent(matched, packets.count)) decided before the final deny, "
            + "at entry \(matched == 0 ? 0 : entrySum / matched) of \(expanded.entries.count) on average")
        let perPacket = nanoseconds(compiledSeconds / Double(packets.count))
        figure("compiled", "\(millions(compiledRate)) packets/s (\(perPacket) each)")
        figure("linear reference", "\(fixed(linearRate, 0)) packets/s on the first \(linearCount) packets "
            + "(\(microseconds(linearElapsed / Double(linearCount))) each)")
        figure("process peak RSS", mebibytes(peakResidentBytes()))
        figure("checksum", "\(checksum)")

        var passed = true
        passed = budget("compiled agrees with linear", "\(disagreements) disagreements in \(linearCount) packets",
                        "0", disagreements == 0) && passed
        passed = budget("compiled classification", "\(millions(compiledRate)) packets/s", "≥ 5 M packets/s",
                        compiledRate >= packetsPerSecondBudget) && passed
        passed = budget("compiled vs linear reference", "\(fixed(speedup, 0))×", "≥ 100×",
                        speedup >= speedupBudget) && passed
        passed = budget("expand + compile 50,000 elements", milliseconds(expandSeconds + compileSeconds), "≤ 2 s",
                        expandSeconds + compileSeconds <= compileBudgetSeconds) && passed
        passed = flatList(&rng) && passed
        return passed
    }

    /// Plain entries in the flat list.
    static let flatEntryCount = 100_000
    /// Packets classified against the flat list.
    static let flatPacketCount = 400_000
    /// Issue 19 item 4: ≥ 2 M packets/s (≤ 0.5 µs) on the flat list, compile ≤ 2 s.
    static let flatPacketsPerSecondBudget = 2e6

    /// The other extreme: 100,000 plain entries without groups (hosts, /24s and `any4`), where
    /// rules ≈ entries, and random packets that mostly match nothing. The partitioned form is
    /// measured against one partition of the same rules and the linear reference.
    static func flatList(_ rng: inout SplitMix64) -> Bool {
        print("\n== firewall: flat access list, \(flatEntryCount) plain entries")
        var lines = ["interface GigabitEthernet0/0", " nameif outside", " ip address 198.51.100.2 255.255.255.0"]
        func address(_ rng: inout SplitMix64) -> IPv4Address {
            IPv4Address(UInt32(10) << 24 | UInt32(truncatingIfNeeded: rng.next()) & 0xFFFFFF)
        }
        for i in 0..<flatEntryCount {
            let a = address(&rng)
            let b = IPv4Address(address(&rng).value & 0xFFFF_FF00)
            switch i % 4 {
            case 0:
                lines.append("access-list flat extended permit tcp host \(a) \(b) 255.255.255.0 "
                    + "eq \(1 + rng.below(2000))")
            case 1: lines.append("access-list flat extended permit tcp any4 host \(a) eq \(1 + rng.below(2000))")
            case 2:
                lines.append("access-list flat extended permit udp \(b) 255.255.255.0 any4 "
                    + "range 1000 \(1000 + rng.below(4000))")
            default: lines.append("access-list flat extended deny ip host \(a) host \(b)")
            }
        }
        let config = FirewallConfig.parse(lines.joined(separator: "\n"))
        guard let list = config.accessLists["flat"] else {
            print("FAIL  flat access list missing")
            return false
        }
        let (expanded, expandSeconds) = time { ExpandedAccessList(list, in: config) }
        let (compiled, compileSeconds) = time { CompiledAccessList(expanded) }
        let (single, singleSeconds) = time { CompiledAccessList(unpartitioned: expanded) }
        let linear = LinearAccessList(expanded)
        var packets: [FirewallPacket] = []
        for _ in 0..<flatPacketCount {
            packets.append(FirewallPacket(ingressInterface: "outside", ipProtocol: rng.chance(70) ? 6 : 17,
                                          source: .v4(address(&rng)), sourcePort: UInt16(1024 + rng.below(60000)),
                                          destination: .v4(address(&rng)), destinationPort: UInt16(rng.below(5000))))
        }
        var sink = 0
        for packet in packets.prefix(10_000) { sink &+= compiled.firstMatchingEntryIndex(packet, at: nil) ?? -1 }
        var results = [Int32](repeating: 0, count: packets.count)
        let (_, compiledSeconds) = time {
            for (index, packet) in packets.enumerated() {
                results[index] = Int32(compiled.firstMatchingEntryIndex(packet, at: nil) ?? -1)
            }
        }
        let singleSample = packets.prefix(40_000)
        var disagreements = 0
        let (_, singleClassifySeconds) = time {
            for (index, packet) in singleSample.enumerated()
            where Int32(single.firstMatchingEntryIndex(packet, at: nil) ?? -1) != results[index] {
                disagreements += 1
            }
        }
        let linearSample = packets.prefix(300)
        let (_, linearSeconds) = time {
            for (index, packet) in linearSample.enumerated()
            where Int32(linear.firstMatchingEntryIndex(packet, at: nil) ?? -1) != results[index] {
                disagreements += 1
            }
        }
        let matched = results.filter { $0 >= 0 }.count
        let compiledRate = Double(packets.count) / compiledSeconds
        let singleRate = Double(singleSample.count) / singleClassifySeconds
        let linearRate = Double(linearSample.count) / linearSeconds
        figure("rules / partitions / chunks / buckets", "\(compiled.ruleCount) / \(compiled.partitionCount) / "
            + "\(compiled.chunkCount) / \(compiled.bucketCount)")
        figure("expand", milliseconds(expandSeconds))
        figure("compile (partitioned / one partition)", "\(milliseconds(compileSeconds)) / \(milliseconds(singleSeconds))")
        figure("compiled structure memory", "\(mebibytes(compiled.byteCount)) (one partition \(mebibytes(single.byteCount)))")
        figure("packets", "\(packets.count) random, \(percent(matched, packets.count)) match a line")
        figure("partitioned", "\(millions(compiledRate)) packets/s "
            + "(\(nanoseconds(compiledSeconds / Double(packets.count))) each)")
        figure("one partition (before)", "\(millions(singleRate)) packets/s "
            + "(\(nanoseconds(singleClassifySeconds / Double(singleSample.count))) each) on \(singleSample.count) packets")
        figure("linear reference", "\(fixed(linearRate, 0)) packets/s, ratio \(fixed(compiledRate / linearRate, 0))×")
        figure("checksum", "\(sink)")
        var passed = true
        passed = budget("flat: agrees with one partition and linear", "\(disagreements) disagreements in "
            + "\(singleSample.count + linearSample.count) answers", "0", disagreements == 0) && passed
        passed = budget("flat: 100,000 entries, mostly no match", "\(millions(compiledRate)) packets/s",
                        "≥ 2 M packets/s", compiledRate >= flatPacketsPerSecondBudget) && passed
        passed = budget("flat: expand + compile 100,000 entries", milliseconds(expandSeconds + compileSeconds), "≤ 2 s",
                        expandSeconds + compileSeconds <= compileBudgetSeconds) && passed
        return passed
    }

    // MARK: - Synthetic input

    /// A realistic edge firewall's inbound list: object groups of hosts, subnets and ranges (some
    /// nested), TCP port groups, service groups, remarks, a few inactive and time-ranged lines,
    /// and a final deny, grown until the real expansion reaches `elementTarget`.
    static func syntheticConfig(_ rng: inout SplitMix64) -> (String, Int) {
        var objects: [String] = []
        var definitions = ["hostname bench-asa", "interface GigabitEthernet0/0", " nameif outside",
                           " security-level 0", " ip address 198.51.100.2 255.255.255.0",
                           "interface GigabitEthernet0/1", " nameif inside", " security-level 100",
                           " ip address 10.0.0.1 255.255.0.0", "time-range office", " periodic weekdays 7:00 to 19:00"]
        var groups: [String] = []
        // Network groups: application tiers inside 10/8 (hosts, subnets, ranges), partner
        // networks outside it; about one in six nests an earlier group.
        for g in 0..<900 {
            let name = "NG-\(g)"
            definitions.append("object-group network \(name)")
            definitions.append(" description synthetic group \(g)")
            let site = UInt32(10) << 24 | UInt32(rng.below(256)) << 16
            let members = 1 + rng.below(rng.chance(10) ? 24 : 6)
            for m in 0..<members {
                switch rng.below(10) {
                case 0, 1, 2, 3:
                    definitions.append(" network-object host \(IPv4Address(site | UInt32(rng.below(65536))))")
                case 4, 5, 6:
                    let length = [22, 24, 24, 26, 28, 29][rng.below(6)]
                    let mask = UInt32.max << UInt32(32 - length)
                    let network = (site | UInt32(rng.below(65536))) & mask
                    definitions.append(" network-object \(IPv4Address(network)) \(IPv4Address(mask))")
                case 7:
                    let object = "RANGE-\(g)-\(m)"
                    let first = site | UInt32(rng.below(60000))
                    objects += ["object network \(object)",
                                " range \(IPv4Address(first)) \(IPv4Address(first + UInt32(1 + rng.below(300))))"]
                    definitions.append(" network-object object \(object)")
                case 8:
                    let v4 = UInt32(rng.below(223) + 1) << 24 | UInt32(truncatingIfNeeded: rng.next()) & 0xFFFF00
                    definitions.append(" network-object \(IPv4Address(v4)) 255.255.255.0")
                default:
                    if !groups.isEmpty, rng.chance(60) {
                        definitions.append(" group-object \(groups[rng.below(groups.count)])")
                    } else {
                        definitions.append(" network-object host \(IPv4Address(site | UInt32(rng.below(65536))))")
                    }
                }
            }
            groups.append(name)
        }
        var portGroups: [String] = []
        let commonPorts = ["www", "https", "ssh", "8080", "8443", "5432", "sqlnet", "3306", "6379", "9092", "ldaps",
                           "smtp", "domain", "445", "3389", "9200", "27017", "5671", "2181", "11211"]
        for p in 0..<60 {
            let name = "PG-\(p)"
            definitions.append("object-group service \(name) tcp")
            for _ in 0..<(1 + rng.below(4)) {
                if rng.chance(15) {
                    let low = 1024 + rng.below(50_000)
                    definitions.append(" port-object range \(low) \(low + rng.below(200))")
                } else {
                    definitions.append(" port-object eq \(commonPorts[rng.below(commonPorts.count)])")
                }
            }
            portGroups.append(name)
        }
        for s in 0..<12 {
            definitions.append("object-group service SG-\(s)")
            definitions.append(" service-object tcp destination eq \(commonPorts[rng.below(commonPorts.count)])")
            let udpService = ["domain", "ntp", "snmp", "syslog"][rng.below(4)]
            definitions.append(" service-object udp destination eq \(udpService)")
            definitions.append(" service-object icmp echo")
        }
        var entries: [String] = []
        func host(_ rng: inout SplitMix64) -> IPv4Address {
            IPv4Address(UInt32(10) << 24 | UInt32(truncatingIfNeeded: rng.next()) & 0xFFFFFF)
        }
        var text = ""
        while true {
            for _ in 0..<250 {
                if rng.chance(10) { entries.append("access-list bench_in remark change CHG\(100_000 + entries.count)") }
                let src = groups[rng.below(groups.count)]
                let dst = groups[rng.below(groups.count)]
                var suffix = rng.chance(30) ? " log" : ""
                if rng.chance(1) { suffix += " time-range office" }
                if rng.chance(2) { suffix += " inactive" }
                let action = rng.chance(85) ? "permit" : "deny"
                let port = commonPorts[rng.below(commonPorts.count)]
                switch rng.below(10) {
                case 0, 1, 2:
                    entries.append("access-list bench_in extended \(action) tcp object-group \(src) "
                        + "object-group \(dst) object-group \(portGroups[rng.below(portGroups.count)])\(suffix)")
                case 3:
                    entries.append("access-list bench_in extended \(action) object-group SG-\(rng.below(12)) "
                        + "object-group \(src) object-group \(dst)\(suffix)")
                case 4, 5:
                    entries.append("access-list bench_in extended \(action) tcp object-group \(src) "
                        + "host \(host(&rng)) eq \(port)\(suffix)")
                case 6:
                    entries.append("access-list bench_in extended \(action) tcp any4 object-group \(dst) "
                        + "eq \(port)\(suffix)")
                case 7:
                    entries.append("access-list bench_in extended \(action) udp host \(host(&rng)) "
                        + "host \(host(&rng)) range 1024 \(1024 + rng.below(4000))\(suffix)")
                case 8:
                    entries.append("access-list bench_in extended \(action) tcp host \(host(&rng)) "
                        + "object-group \(dst) object-group \(portGroups[rng.below(portGroups.count)])\(suffix)")
                default:
                    entries.append("access-list bench_in extended \(action) ip object-group \(src) any4\(suffix)")
                }
            }
            text = (objects + definitions + entries + ["access-list bench_in extended deny ip any any log",
                                                       "access-group bench_in in interface outside"])
                .joined(separator: "\n")
            let config = FirewallConfig.parse(text)
            if let list = config.accessLists["bench_in"],
               ExpandedAccessList(list, in: config).elementCount >= elementTarget {
                break
            }
        }
        return (text, groups.count + portGroups.count + 12)
    }

    /// Half the packets are aimed at a random entry (an address from one of its sources and one
    /// of its destinations, its protocol and a port it names), so decisions land at every depth
    /// of the list; the rest is random traffic that mostly falls through to the final deny.
    static func syntheticPackets(list: ExpandedAccessList, count: Int, _ rng: inout SplitMix64) -> [FirewallPacket] {
        func address(in members: [AddressMember], _ rng: inout SplitMix64) -> UInt32 {
            let prefixes = members.isEmpty ? [] : members[rng.below(members.count)].prefixes
            guard let prefix = prefixes.isEmpty ? nil : prefixes[rng.below(prefixes.count)],
                  case .v4(let network) = prefix.address
            else { return UInt32(truncatingIfNeeded: rng.next()) }
            let hostBits = UInt32(truncatingIfNeeded: rng.next()) & ~NetworkMask.mask(prefixLength: prefix.length)
            return network.value | hostBits
        }
        var packets: [FirewallPacket] = []
        packets.reserveCapacity(count)
        for _ in 0..<count {
            var proto: UInt8 = rng.chance(80) ? 6 : (rng.chance(70) ? 17 : 1)
            var source = UInt32(truncatingIfNeeded: rng.next())
            var destination = UInt32(truncatingIfNeeded: rng.next())
            var destinationPort = UInt16(truncatingIfNeeded: rng.next())
            if rng.chance(50), !list.entries.isEmpty {
                let entry = list.entries[rng.below(list.entries.count)]
                source = address(in: entry.sources, &rng)
                destination = address(in: entry.destinations, &rng)
                if !entry.services.isEmpty {
                    let service = entry.services[rng.below(entry.services.count)]
                    proto = service.protocolNumber ?? 6
                    let ports = entry.destinationPorts ?? service.destinationPort.map { [$0] } ?? []
                    if !ports.isEmpty, let range = ports[rng.below(ports.count)].ranges.first {
                        let width = Int(range.upperBound - range.lowerBound) + 1
                        destinationPort = range.lowerBound &+ UInt16(rng.below(width))
                    }
                }
            }
            packets.append(FirewallPacket(
                ingressInterface: "outside", ipProtocol: proto, source: .v4(IPv4Address(source)),
                sourcePort: UInt16(1024 + rng.below(60000)), destination: .v4(IPv4Address(destination)),
                destinationPort: destinationPort, icmpType: 8))
        }
        return packets
    }

    // MARK: - Measuring and printing

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func time<T>(_ body: () -> T) -> (T, Double) {
        let start = now()
        let result = body()
        return (result, now() - start)
    }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024  // KiB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #endif
    }

    static func figure(_ name: String, _ value: String) {
        print("      \(pad(name)) \(value)")
    }

    static func budget(_ name: String, _ figure: String, _ budget: String, _ passed: Bool) -> Bool {
        print("\(passed ? "PASS" : "FAIL")  \(pad(name)) \(figure)  (budget \(budget))")
        return passed
    }

    static func pad(_ name: String) -> String {
        name.count >= 40 ? name : name + String(repeating: " ", count: 40 - name.count)
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if digits == 0 { return String(Int(rounded)) }
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }

    static func millions(_ rate: Double) -> String { "\(fixed(rate / 1e6, 2)) M" }
    static func milliseconds(_ seconds: Double) -> String { "\(fixed(seconds * 1e3, 1)) ms" }
    static func microseconds(_ seconds: Double) -> String { "\(fixed(seconds * 1e6, 1)) µs" }
    static func nanoseconds(_ seconds: Double) -> String { "\(fixed(seconds * 1e9, 1)) ns" }
    static func mebibytes(_ bytes: Int) -> String { "\(fixed(Double(bytes) / 1_048_576, 2)) MiB" }
    static func percent(_ part: Int, _ whole: Int) -> String {
        "\(fixed(100 * Double(part) / Double(max(whole, 1)), 1)) %"
    }
}
