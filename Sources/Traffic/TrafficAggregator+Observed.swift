import LPM

extension TrafficAggregator {
    /// Who traffic between `clusterAddress` (cluster side) and `remote` at `time` belongs to, as
    /// the aggregator attributes it; nil when no workload's trace leaves with the address.
    public func attribution(of clusterAddress: IPAddress, remote: IPAddress, time: Int64?) -> TrafficAttribution? {
        flush()
        return attributor.attribution(clusterAddress, destination: remote, time: time)
    }
}
