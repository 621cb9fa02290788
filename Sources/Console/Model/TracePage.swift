import Simulator

/// Lays out a trace result packet-tracer style for a given width: the packet, then one block per
/// phase (number, name, outcome coloured by how it went, and the reason and details wrapped),
/// then the verdict. Pure: the same result and width always give the same lines.
internal enum TracePage {
    private static let nameWidth = 15

    /// The role an outcome is drawn in.
    internal static func role(_ phase: TracePhase) -> ThemeRole {
        switch phase.outcome {
        case .ok: return .phaseAllow
        case .warn: return .warn
        case .fail: return phase.name == .firewall ? .phaseDeny : .phaseDrop
        case .skip: return .phaseInfo
        }
    }

    /// The word shown for an outcome.
    internal static func label(_ phase: TracePhase) -> String {
        switch phase.outcome {
        case .ok: return "OK"
        case .warn: return "WARN"
        case .fail: return phase.name == .firewall ? "DENY" : "DROP"
        case .skip: return "SKIP"
        }
    }

    /// The role of a verdict.
    internal static func role(_ verdict: TraceVerdict) -> ThemeRole {
        switch verdict {
        case .allow: return .phaseAllow
        case .deny: return .phaseDeny
        case .drop: return .phaseDrop
        }
    }

    /// The lines of `result` in `width` columns. With `other` (the other side of a what-if
    /// comparison), phases that differ from it are marked with `*`.
    internal static func lines(_ result: Result<TraceResult, TraceInputError>, query: TraceQuery?, width: Int,
                               other: TraceResult? = nil) -> [DetailPage.Line] {
        var lines: [DetailPage.Line] = []
        func add(_ segments: [DetailPage.Segment]) { lines.append(DetailPage.Line(segments: segments, link: nil)) }
        func wrapped(_ text: String, indent: Int, role: ThemeRole) {
            for part in TextWrap.lines(text, width: max(8, width - indent)) {
                add([DetailPage.Segment(text: String(repeating: " ", count: indent) + part, role: role)])
            }
        }
        switch result {
        case .failure(let error):
            wrapped("Cannot trace: \(error.message)", indent: 0, role: .error)
            return lines
        case .success(let trace):
            if let query {
                let port = query.destinationPort.map { ":\($0)" } ?? ""
                wrapped("\(TraceInput.protocolName(query.ipProtocol)) \(trace.sender)"
                        + (trace.senderIP.map { " (\($0))" } ?? "") + " → \(query.destination)\(port)",
                        indent: 0, role: .title)
            }
            let stacked = width < 2 + 1 + nameWidth + 1 + 5 + 1 + 24
            let reasonColumn = stacked ? 5 : 2 + 1 + nameWidth + 1 + 5 + 2
            var number = 0
            for (index, phase) in trace.phases.enumerated() {
                let isResult = phase.name == .result
                if !isResult { number += 1 }
                let differs = other.map { other in
                    index >= other.phases.count || other.phases[index].outcome != phase.outcome
                        || other.phases[index].reason != phase.reason
                } ?? false
                let marker = DetailPage.Segment(text: differs ? "*" : " ", role: .warn)
                let numberText = isResult ? "  " : (number < 10 ? " \(number)" : "\(number)")
                let name = phase.name.rawValue.padding(to: nameWidth)
                let outcome = isResult ? trace.verdict.rawValue.uppercased() : label(phase)
                let outcomeRole = isResult ? role(trace.verdict) : role(phase)
                let head: [DetailPage.Segment] = [
                    marker, DetailPage.Segment(text: numberText + " ", role: .muted),
                    DetailPage.Segment(text: name + " ", role: isResult ? .title : .text),
                    DetailPage.Segment(text: outcome.padding(to: 5), role: outcomeRole),
                ]
                let reasonLines = TextWrap.lines(phase.reason, width: max(8, width - reasonColumn))
                if stacked {
                    add(head)
                    for part in reasonLines {
                        add([DetailPage.Segment(text: String(repeating: " ", count: reasonColumn) + part, role: .text)])
                    }
                } else {
                    add(head + [DetailPage.Segment(text: "  " + (reasonLines.first ?? ""), role: .text)])
                    for part in reasonLines.dropFirst() {
                        add([DetailPage.Segment(text: String(repeating: " ", count: reasonColumn) + part, role: .text)])
                    }
                }
                for detail in phase.details {
                    wrapped(detail, indent: reasonColumn + 2, role: .muted)
                }
            }
            return lines
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters (unchanged when longer).
    internal func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
