import LPM

/// Works out each Elastic IP's status against the gateways' `awsElasticIPs` annotations.
enum ElasticIPBinder {
    static func bindings(_ elasticIPs: [ElasticIP], gateways: [EgressGatewayRecord]) -> [ElasticIPBinding] {
        // Positions into `gateways`, not copies of the records (each holds its pod).
        var gatewayByIP: [IPAddress: Int] = [:]
        var listers: [IPAddress: Int] = [:]
        for (position, gateway) in gateways.enumerated() {
            if let ip = gateway.ip { gatewayByIP[ip] = position }
            for eip in gateway.annotatedElasticIPs where listers[eip] == nil { listers[eip] = position }
        }
        return elasticIPs.map { eip in
            let lister = listers[eip.publicIP].map { gateways[$0] }
            guard eip.isAssociated else {
                let reason = lister.map { "not associated; listed by gateway \($0.qualifiedName)" }
                    ?? "not associated with anything (still billed)"
                return ElasticIPBinding(elasticIP: eip, gateway: lister?.qualifiedName, status: .idle, reason: reason)
            }
            let target = eip.privateIPAddress.map { $0.description } ?? eip.networkInterfaceID ?? eip.instanceID ?? "?"
            if let ip = eip.privateIPAddress, let gateway = gatewayByIP[ip].map({ gateways[$0] }) {
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
