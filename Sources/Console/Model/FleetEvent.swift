/// Something that changed while the console watched: a gateway became ready or unready, a pool
/// crossed a utilization threshold, an Elastic IP's association changed, a source failed or
/// recovered. Shown in the Events view, newest first.
internal struct FleetEvent: Hashable, Sendable {
    /// What kind of object changed.
    internal enum Kind: String, Hashable, Sendable {
        /// An egress gateway pod.
        case gateway
        /// An IP pool.
        case pool
        /// An Elastic IP.
        case elasticIP = "eip"
        /// A data source (kube, ec2, bundle).
        case source
    }

    /// When the change was seen, in seconds since 1970.
    internal var time: Double
    /// What kind of object changed.
    internal var kind: Kind
    /// The object (`ns/name`, a pool name, a public IP, a source).
    internal var subject: String
    /// What happened, one line.
    internal var message: String
    /// How it looks: `.ok` for recoveries, `.warn`, `.error`, `.text` for neutral changes.
    internal var role: ThemeRole
    /// Where Enter leads.
    internal var target: DetailTarget?
}
