/// One exported metric family (all gauges): its name, help and samples.
public struct MetricFamily: Hashable, Sendable {
    /// One sample: its labels (in order) and value.
    public struct Sample: Hashable, Sendable {
        /// Label names and values, in the order they are written.
        public var labels: [Label]
        /// The value.
        public var value: Double

        /// A sample of `value` with `labels`.
        public init(_ labels: [Label], _ value: Double) {
            self.labels = labels
            self.value = value
        }

        /// The value of label `name`, if the sample has it.
        public subscript(label name: String) -> String? { labels.first { $0.name == name }?.value }
    }

    /// One label.
    public struct Label: Hashable, Sendable {
        /// The label's name.
        public var name: String
        /// Its value.
        public var value: String

        /// `name="value"`.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `gatewatch_…`.
    public var name: String
    /// One line of help.
    public var help: String
    /// The samples.
    public var samples: [Sample]

    /// A family.
    public init(name: String, help: String, samples: [Sample]) {
        self.name = name
        self.help = help
        self.samples = samples
    }
}
