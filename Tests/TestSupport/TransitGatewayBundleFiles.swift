/// A transit gateway as a bundle holds it, one file per kind and one per route table: an
/// attachment to `vpc-1` associated with route table `tgw-rtb-0123456789abcdef0`, whose routes are
/// a static /12 through a VPN attachment, a blackhole /24, and a /16 from prefix list
/// `pl-0a1b2c3d4e5f60789`. Shared by the bundle loader's and the journal's tests.
public enum TransitGatewayBundleFiles {
    /// The files as (path in the bundle, contents).
    public static let files: [(path: String, text: String)] = [
        ("aws/describe-transit-gateway-attachments.json", """
            {"TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0aaa", "TransitGatewayId": "tgw-1",
              "ResourceType": "vpc", "ResourceId": "vpc-1", "ResourceOwnerId": "123456789012", "State": "available",
              "Association": {"TransitGatewayRouteTableId": "tgw-rtb-0123456789abcdef0", "State": "associated"}}]}
            """),
        ("aws/describe-transit-gateway-route-tables.json", """
            {"TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-0123456789abcdef0",
              "TransitGatewayId": "tgw-1", "State": "available", "DefaultAssociationRouteTable": true,
              "DefaultPropagationRouteTable": false}]}
            """),
        ("aws/get-transit-gateway-route-table-associations-tgw-rtb-0123456789abcdef0.json", """
            {"Associations": [{"TransitGatewayAttachmentId": "tgw-attach-0aaa", "ResourceId": "vpc-1",
              "ResourceType": "vpc", "State": "associated"}]}
            """),
        ("aws/search-transit-gateway-routes-tgw-rtb-0123456789abcdef0.json", """
            {"Routes": [
              {"DestinationCidrBlock": "172.16.0.0/12", "Type": "static", "State": "active",
               "TransitGatewayAttachments": [{"ResourceId": "vpn-1", "TransitGatewayAttachmentId": "tgw-attach-0bbb",
                                              "ResourceType": "vpn"}]},
              {"DestinationCidrBlock": "172.16.99.0/24", "Type": "static", "State": "blackhole"},
              {"DestinationCidrBlock": "192.168.0.0/16", "PrefixListId": "pl-0a1b2c3d4e5f60789", "Type": "static",
               "State": "active", "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0ccc"}]}
            ], "AdditionalRoutesAvailable": false}
            """),
    ]
}
