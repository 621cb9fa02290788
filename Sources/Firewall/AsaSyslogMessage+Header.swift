extension AsaSyslogMessage {
    /// What the syslog header in front of the `%ASA-` tag says: when (Unix seconds) and which
    /// device. Headers vary (docs/traffic.md §3.2): RFC 3164 (`Mmm dd hh:mm:ss host`, no year),
    /// the ASA's own stamp (`Mmm dd yyyy hh:mm:ss [ZONE]`), RFC 3339/5424 stamps, a relay's
    /// header in front of the device's. The time comes from an RFC 3339 stamp, else the last stamp
    /// with a year, else the last stamp with `referenceYear`; the host is the word after the
    /// stamp used (the device id over the relay's host name).
    public struct Header: Hashable, Sendable {
        /// Unix seconds, UTC (device stamps without a zone word are taken as UTC).
        public var timestamp: Int64?
        /// True when the stamp had no year and `referenceYear` was used.
        public var yearInferred: Bool
        /// The device id or host name.
        public var host: String?

        /// A header.
        public init(timestamp: Int64?, yearInferred: Bool = false, host: String?) {
            self.timestamp = timestamp
            self.yearInferred = yearInferred
            self.host = host
        }

        /// Reads the header of `line` (the text before its tag; the whole line when it has none).
        public init(line: String, referenceYear: Int) {
            let prefix = Tag(line).map { line[..<$0.start] } ?? line[...]
            var words = prefix.split(separator: " ", omittingEmptySubsequences: true)
            if let first = words.first, first.hasPrefix("<"), let close = first.firstIndex(of: ">") {
                let rest = first[first.index(after: close)...]
                if rest.isEmpty { words.removeFirst() } else { words[0] = rest }
                // RFC 5424: `<PRI>1 TIMESTAMP HOST …`
                if words.first == "1" { words.removeFirst() }
            }
            var stamps: [(end: Int, seconds: Int64, hasYear: Bool, iso: Bool)] = []
            var i = 0
            while i < words.count {
                if let seconds = Header.isoSeconds(words[i]) {
                    stamps.append((i + 1, seconds, true, true))
                    i += 1
                } else if let (seconds, hasYear, used) = Header.deviceStamp(words, at: i, referenceYear: referenceYear) {
                    stamps.append((i + used, seconds, hasYear, false))
                    i += used
                } else {
                    i += 1
                }
            }
            let chosen = stamps.last(where: \.iso) ?? stamps.last(where: \.hasYear) ?? stamps.last
            timestamp = chosen?.seconds
            yearInferred = chosen.map { !$0.hasYear } ?? false
            var host: String?
            if let end = chosen?.end ?? (stamps.isEmpty ? 0 : nil), end < words.count {
                var word = words[end]
                if word.hasSuffix(":") { word = word.dropLast() }
                if !word.isEmpty, !word.contains("["), word != "-" { host = String(word) }
            }
            self.host = host
        }

        private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        private static let zones: [String: Int64] = [
            "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
            "PDT": -7, "CET": 1, "CEST": 2,
        ]

        /// `Mmm dd [yyyy] hh:mm:ss[.fff][:] [ZONE[:]]` from word `i`: seconds, whether it had a
        /// year, and how many words it used.
        static func deviceStamp(_ w: [Substring], at i: Int, referenceYear: Int) -> (Int64, Bool, Int)? {
            guard i + 2 < w.count, let month = months.firstIndex(of: String(w[i].prefix(3))), w[i].count == 3,
                  let day = Int(w[i + 1]), (1...31).contains(day)
            else { return nil }
            var j = i + 2
            var year = referenceYear
            var hasYear = false
            if w[j].count == 4, let y = Int(w[j]) {
                year = y
                hasYear = true
                j += 1
            }
            guard j < w.count, let clock = time(w[j]) else { return nil }
            j += 1
            var offsetHours: Int64 = 0
            if j < w.count {
                let zone = w[j].hasSuffix(":") ? w[j].dropLast() : w[j]
                if let offset = zones[String(zone)] {
                    offsetHours = offset
                    j += 1
                }
            }
            let seconds = days(year: year, month: month + 1, day: day) * 86_400 + clock - offsetHours * 3600
            return (seconds, hasYear, j - i)
        }

        /// `hh:mm:ss[.fff][:]` as seconds of the day.
        static func time(_ word: Substring) -> Int64? {
            var text = word
            if text.hasSuffix(":") { text = text.dropLast() }
            if let dot = text.firstIndex(of: ".") { text = text[..<dot] }
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, let h = Int64(parts[0]), let m = Int64(parts[1]), let s = Int64(parts[2]),
                  h < 24, m < 60, s < 61
            else { return nil }
            return h * 3600 + m * 60 + s
        }

        /// An RFC 3339 stamp `yyyy-mm-ddThh:mm:ss[.fff](Z|±hh:mm)` as Unix seconds.
        public static func isoSeconds(_ word: Substring) -> Int64? {
            var text = word
            if text.hasSuffix(":") { text = text.dropLast() }
            guard text.count >= 19, let t = text.firstIndex(of: "T") else { return nil }
            let date = text[..<t].split(separator: "-")
            guard date.count == 3, let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
                  (1...12).contains(month), (1...31).contains(day)
            else { return nil }
            var rest = text[text.index(after: t)...]
            var offset: Int64 = 0
            if rest.hasSuffix("Z") {
                rest = rest.dropLast()
            } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                let zone = rest[rest.index(after: sign)...].split(separator: ":")
                guard zone.count == 2, let h = Int64(zone[0]), let m = Int64(zone[1]) else { return nil }
                offset = (h * 3600 + m * 60) * (rest[sign] == "-" ? -1 : 1)
                rest = rest[..<sign]
            }
            guard let clock = time(rest) else { return nil }
            return days(year: year, month: month, day: day) * 86_400 + clock - offset
        }

        /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
        static func days(year: Int, month: Int, day: Int) -> Int64 {
            let y = Int64(month <= 2 ? year - 1 : year)
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let m = Int64(month)
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }
    }
}
