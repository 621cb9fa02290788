import Inventory

/// Number and time formats shared by the views.
internal enum Formatting {
    /// `12.5%`, one decimal.
    internal static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// A short age: `45s`, `12m`, `5h`, `3d`; `-` when unknown or in the future by more than a minute.
    internal static func age(seconds: Double?) -> String {
        guard let seconds, seconds > -60 else { return "-" }
        let value = Int(max(0, seconds))
        switch value {
        case ..<60: return "\(value)s"
        case ..<3600: return "\(value / 60)m"
        case ..<86_400: return "\(value / 3600)h"
        default: return "\(value / 86_400)d"
        }
    }

    /// Time left as `1m05s left`, `42s left`, or `ended` once it is past.
    internal static func countdown(seconds: Double) -> String {
        guard seconds > 0 else { return "ended" }
        let value = Int(seconds.rounded(.up))
        if value < 60 { return "\(value)s left" }
        let pad = { (part: Int) -> String in part < 10 ? "0\(part)" : "\(part)" }
        if value < 3600 { return "\(value / 60)m\(pad(value % 60))s left" }
        return "\(value / 3600)h\(pad((value % 3600) / 60))m left"
    }

    /// `2026-12-07 01:02:03Z` for seconds since 1970.
    internal static func utcTime(_ seconds: Double) -> String {
        let t = Timestamp.utcComponents(secondsSince1970: seconds)
        let pad = { (part: Int) -> String in part < 10 ? "0\(part)" : "\(part)" }
        return "\(t.year)-\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))Z"
    }

    /// A count with a noun, pluralised with `s`: `1 pod`, `3 pods`.
    internal static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
