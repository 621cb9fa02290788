/// Every part of the UI a theme gives colours to. Theme files name roles in kebab-case
/// (`table-header`, `gauge-critical`); each shipped theme names all of them.
public enum ThemeRole: UInt8, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case text
    /// Secondary text: separators, absent values, hints.
    case muted
    /// The top bar.
    case header
    /// Counts and the source name in the top bar.
    case headerAccent
    /// The STALE marker when a source has failed.
    case stale
    /// A view's tab in the tab bar.
    case tab
    /// The current view's tab.
    case tabActive
    /// Frame lines.
    case border
    /// A frame's title.
    case title
    /// Column titles.
    case tableHeader
    /// The column the table is sorted by.
    case tableHeaderSorted
    /// Group rows (a gateway deployment, a policy).
    case group
    /// The selected row.
    case selection
    /// Something Enter follows (drill-down targets in detail pages).
    case link
    /// Healthy values (ready, bound).
    case ok
    /// Values that need attention (not ready, mismatch).
    case warn
    /// Broken values.
    case error
    /// Idle resources that still cost money (idle Elastic IPs).
    case idle
    /// Gauge fill below 80 %.
    case gaugeOK
    /// Gauge fill from 80 %.
    case gaugeWarn
    /// Gauge fill from 95 %.
    case gaugeCritical
    /// The empty part of a gauge.
    case gaugeEmpty
    /// Utilization history sparklines.
    case sparkline
    /// The bottom bar.
    case footer
    /// Key names in the bottom bar.
    case footerKey
    /// The `:` and `/` prompt line.
    case prompt
    /// Completion candidates.
    case completion
    /// The completion candidate Tab would pick.
    case completionSelected
    /// Informational messages.
    case messageInfo
    /// Error messages (a malformed theme, an unknown command).
    case messageError
    /// Overlay (help) body.
    case overlay
    /// Overlay frame.
    case overlayBorder
    /// Key names in the help overlay.
    case overlayKey
    /// Trace phases that let the packet through.
    case phaseAllow
    /// Trace phases where a firewall denied it.
    case phaseDeny
    /// Trace phases where it was dropped before any firewall.
    case phaseDrop
    /// Neutral trace phases.
    case phaseInfo
    /// Error findings.
    case severityError
    /// Warning findings.
    case severityWarning
    /// Informational findings.
    case severityInfo
    /// The header's `AT <time> (read-only)` while the console shows a past state (`:at`).
    case pastState

    /// The kebab-case name used in theme files.
    public var name: String { Self.names[Int(rawValue)] }

    /// The role named `name` in a theme file.
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: UInt8(index))
    }

    private static let names: [String] = allCases.map { role in
        var name = ""
        for character in String(describing: role) {
            if character.isUppercase {
                name += "-" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name.replacingOccurrences(of: "-o-k", with: "-ok")
    }

    /// One character standing for the role in `CellGrid.roleLine` (`.` for text).
    public var code: Unicode.Scalar { Self.codes[Int(rawValue)] }

    private static let codes = Array(".mHhSaTbtCcgsLOWEI123-~FfpxXinoBkYNDPrwvA".unicodeScalars)
}

extension String {
    /// The string with every occurrence of `target` replaced (FoundationEssentials-free).
    internal func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
