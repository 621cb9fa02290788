import LPM
@testable import Simulator
import Testing
import TestSupport

/// The known addresses answer as one set, whether an address was prepared with the context,
/// given to a pod since or taken away since, before and after those are folded in.
@Suite struct KnownAddressesTests {
    @Test func containsWhatWasPreparedOrGivenAndNotTakenAndNothingElse() {
        var rng = SplitMix64(seed: 0xADD5)
        let address = { (rng: inout SplitMix64) in IPAddress.v4(IPv4Address(0x0A00_0000 | UInt32(rng.next() % 20_000))) }
        var prepared = Set<IPAddress>()
        for _ in 0..<5_000 { prepared.insert(address(&rng)) }
        var known = KnownAddresses(prepared)
        var expected = prepared
        // Past the fold threshold (4,096 given or taken addresses), with repeats and prepared ones
        // among them; one step in three takes an address away (given, prepared, or unknown).
        for step in 0..<9_000 {
            let changed = address(&rng)
            if rng.next() % 3 == 0 {
                known.remove(changed)
                expected.remove(changed)
            } else {
                known.insert(changed)
                expected.insert(changed)
            }
            if step % 1_000 == 0 {
                for _ in 0..<200 {
                    let probe = address(&rng)
                    #expect(known.contains(probe) == expected.contains(probe))
                }
            }
        }
        for value in 0..<20_000 as Range<UInt32> {
            let probe = IPAddress.v4(IPv4Address(0x0A00_0000 | value))
            #expect(known.contains(probe) == expected.contains(probe))
        }
        #expect(known == KnownAddresses(expected))
        #expect(known != KnownAddresses(prepared))
    }
}
