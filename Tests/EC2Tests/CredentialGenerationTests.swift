import Foundation
@testable import EC2
import Testing

/// A caller that resumes late from an older refresh never puts older credentials back over the
/// ones a newer refresh delivered (the generation check).
@Suite struct CredentialGenerationTests {
    @Test func anOlderRefreshFinishingLastDoesNotReplaceNewerCredentials() async throws {
        let later = Date().addingTimeInterval(3_600)
        let old = AWSCredentials(accessKeyID: "AKIAOLD", secretAccessKey: "old", sessionToken: "t1", expiration: later, source: "test")
        let new = AWSCredentials(accessKeyID: "AKIANEW", secretAccessKey: "new", sessionToken: "t2", expiration: later, source: "test")
        let cache = CredentialCache(provider: StaticCredentialProvider(old))
        #expect(await cache.accept(new, generation: 2) == new)
        #expect(await cache.accept(old, generation: 1) == new)
        #expect(try await cache.credentials() == new)
        #expect(await cache.fetchCount == 0)
    }
}
