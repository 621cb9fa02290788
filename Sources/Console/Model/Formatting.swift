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

    /// A count with a noun, pluralised with `s`: `1 pod`, `3 pods`.
    internal static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
