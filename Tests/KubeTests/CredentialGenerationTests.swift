import Foundation
import HTTP
@testable import Kube
import Testing

/// A request that resumes late from an older credential load never puts the older credential
/// back over the one a newer load delivered (the generation check).
@Suite struct CredentialGenerationTests {
    @Test func anOlderLoadFinishingLastDoesNotReplaceANewerCredential() async throws {
        let connection = KubeConnection(contextName: "c", clusterName: "c", userName: "u", server: "https://127.0.0.1:1")
        let store = CredentialStore(connection: connection)
        let later = Date().addingTimeInterval(3_600)
        let newer = CredentialStore.Material(bearer: "new", tls: TLSOptions(), expiration: later)
        let older = CredentialStore.Material(bearer: "old", tls: TLSOptions(), expiration: later)
        _ = await store.accept(.success(newer), generation: 2)
        let late = await store.accept(.success(older), generation: 1)
        #expect(try late.get().bearer == "new")
        #expect(try await store.material().bearer == "new")
    }
}
