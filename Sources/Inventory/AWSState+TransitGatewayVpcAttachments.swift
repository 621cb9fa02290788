extension AWSState {
    /// Folds `describe-transit-gateway-vpc-attachments` records into the attachments of the same
    /// ID (subnets, appliance mode); a record whose attachment is not listed becomes one.
    public mutating func mergeTransitGatewayVpcAttachments(_ records: [TransitGatewayAttachment]) {
        guard !records.isEmpty else { return }
        var index: [String: Int] = [:]
        for (position, attachment) in transitGatewayAttachments.enumerated() {
            index[attachment.transitGatewayAttachmentID] = index[attachment.transitGatewayAttachmentID] ?? position
        }
        for record in records {
            if let position = index[record.transitGatewayAttachmentID] {
                transitGatewayAttachments[position].merge(vpcAttachment: record)
            } else {
                index[record.transitGatewayAttachmentID] = transitGatewayAttachments.count
                transitGatewayAttachments.append(record)
            }
        }
    }
}
