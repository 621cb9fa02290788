import Inventory
import LPM
import Testing
@testable import Traffic

/// The pieces `traffic --athena-sql` cuts the destination space into: within one piece every
/// destination gets the same attribution (but for the destination itself), so one row per
/// piece is exact. The rows against DuckDB are checked in Tests/Peers/traffic.
@Suite struct AthenaQueryTests {
    static let snapshot = DemoBundle.load().snapshot

    @Test func everyDestinationOfAPieceHasTheRepresentativesAttribution() {
        let attributor = TrafficAttributor(snapshot: Self.snapshot, ownership: SnapshotOwnership(snapshot: Self.snapshot))
        let pieces = AthenaQuery.pieces(AthenaQuery.destinationPrefixes(Self.snapshot))
        #expect(pieces.count > 10)
        var addresses = Set<IPAddress>()
        for piece in pieces { addresses.formUnion(attributor.exitAddresses(to: .v4(IPv4Address(piece.lowerBound)))) }
        #expect(addresses.count >= 5)
        var compared = 0
        for piece in pieces {
            let representative = IPAddress.v4(IPv4Address(piece.lowerBound))
            // The last address and fifteen spread evenly over the piece.
            let width = UInt64(piece.upperBound - piece.lowerBound)
            let samples = [piece.upperBound] + (1...15).map { UInt32(UInt64(piece.lowerBound) + width * UInt64($0) / 16) }
            for address in addresses {
                let expected = attributor.attribution(address, destination: representative, time: nil)
                for sample in samples {
                    var got = attributor.attribution(address, destination: .v4(IPv4Address(sample)), time: nil)
                    got?.destination = representative
                    #expect(got == expected, "\(address) → \(IPv4Address(sample)) in \(IPv4Address(piece.lowerBound))")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }

    @Test func rangesMergeAndTableNamesAreChecked() {
        #expect(AthenaQuery.merged([5...9, 0...3, 4...4, 20...30, 25...26]) == [0...9, 20...30])
        #expect(AthenaQuery.isTableName("vpc_flow_logs") && AthenaQuery.isTableName("db1.flow_2026"))
        #expect(!AthenaQuery.isTableName("x; DROP") && !AthenaQuery.isTableName("a.b.c") && !AthenaQuery.isTableName("1x"))
    }

    @Test func aFormatWithoutAddressesIsRefused() {
        let query = AthenaQuery(format: FlowLogFormat(names: ["version", "bytes", "start"]))
        #expect(throws: AthenaQuery.Failure.missingField(.sourceAddress)) { try query.sql(snapshot: Self.snapshot) }
    }
}
