@testable import EC2
import Testing

/// Plain-http container credentials go to loopback or the ECS/EKS agent only: a host name that
/// merely starts with `127.` is not loopback.
@Suite struct ContainerCredentialHostTests {
    @Test func onlyLoopbackAddressLiteralsCount() {
        #expect(ContainerCredentialProvider.isIPv4Loopback("127.0.0.1"))
        #expect(ContainerCredentialProvider.isIPv4Loopback("127.255.3.4"))
        #expect(!ContainerCredentialProvider.isIPv4Loopback("127.attacker.example"))
        #expect(!ContainerCredentialProvider.isIPv4Loopback("127.0.0.1.nip.io"))
        #expect(!ContainerCredentialProvider.isIPv4Loopback("128.0.0.1"))
    }
}
