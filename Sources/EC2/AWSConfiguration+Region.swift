import HTTP

extension AWSConfiguration {
    /// The region requests are signed for: the configured one (`--region`, `AWS_REGION`, the
    /// profile), else the instance's from instance metadata unless that is disabled.
    func resolvedRegion(transport: any HTTPTransport) async throws(EC2Error) -> String {
        if let region { return region }
        guard !instanceMetadata.disabled else {
            throw .configuration("no region: give --region, set AWS_REGION, or set region in the profile")
        }
        do {
            return try await InstanceMetadataClient(settings: instanceMetadata, transport: transport).region()
        } catch {
            throw .configuration("no region: give --region or set AWS_REGION (instance metadata: \(error))")
        }
    }
}
