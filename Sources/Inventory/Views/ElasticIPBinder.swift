import LPM

/// Works out each Elastic IP's status against the gateways' `awsElasticIPs` annotations.
enum ElasticIPBinder {
    static func bindings(_ elasticIPs: [ElasticIP], gateways: [EgressGatewayRecord]) -> [ElasticIPBinding] {
        var gatewayByIP: [IPAddress: EgressGatewayRecord] = [:]
        var listers: [IPAddress: [EgressGatewayRecord]] = [:]
        for gateway in gateways {
            if let ip = gateway.ip { gatewayByIP[ip] = gateway }
            for eip in gateway.annotatedElasticIPs { listers[eip, default: []].append(gateway) }
        }
        return elasticIPs.map { eip in
            let lister = listers[eip.publicIP]?.first
            guard eip.isAssociated else {
                let reason = lister.map { "not associated; listed by gateway \($0.qualifiedName)" }
                    ?? "not associated with anything (still billed)"
                return ElasticIPBinding(elasticIP: eip, gateway: lister?.qualifiedName, status: .idle, reason: reason)
            }
            let target = eip.privateIPAddress.map { $0.description } ?? eip.networkInterfaceID ?? eip.instanceID ?? "?"
            if let ip = eip.privateIPAddress, let gateway = gatewayByIP[ip] {
                if gateway.annotatedElasticIPs.isEmpty || gateway.annotatedElasticIPs.contains(eip.publicIP) {
                    return ElasticIPBinding(elasticIP: eip, gateway: gateway.qualifiedName, status: .bound,
                                            reason: "associated with gateway \(gateway.qualifiedName) (\(ip))")
                }
                return ElasticIPBinding(
                    elasticIP: eip, gateway: gateway.qualifiedName, status: .mismatch,
                    reason: "associated with gateway \(gateway.qualifiedName) (\(ip)) whose awsElasticIPs annotation does not list it")
            }
            if let lister {
                return ElasticIPBinding(
                    elasticIP: eip, gateway: lister.qualifiedName, status: .mismatch,
                    reason: "listed by gateway \(lister.qualifiedName) but associated with \(target), not a gateway IP")
            }
            return ElasticIPBinding(elasticIP: eip, gateway: nil, status: .notGateway,
                                    reason: "associated with \(target), which is no egress gateway")
        }
        .sorted { $0.elasticIP.publicIP < $1.elasticIP.publicIP }
    }
}
