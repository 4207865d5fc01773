import Foundation
import Testing

@testable import SidecertVolume

/// The volume's JSON dialect: what one replica writes, every other reads back the same.
@Suite struct VolumeJSONTests {
    // Found by the LeaseRecord fuzz target: `.005` was written back as `.004`, one millisecond less at each
    // read and write of a file.
    @Test(arguments: ["2026-11-30T04:10:01.005Z", "2026-11-30T04:10:01.999Z", "2026-11-30T04:10:01.000Z", "1969-12-31T23:59:59.001Z"])
    func aTimeReadFromTheVolumeIsWrittenBackUnchanged(time: String) throws {
        let file = #"{"acquiredAt":"\#(time)","durationSeconds":60,"expiresAt":"\#(time)","holder":"a","renewedAt":"\#(time)","token":1}"#
        let record = try VolumeJSON.decode(LeaseRecord.self, from: Array(file.utf8))
        let written = String(decoding: try VolumeJSON.encode(record), as: UTF8.self)
        #expect(written.contains("\"expiresAt\" : \"\(time)\""), "\(written)")
        #expect(try VolumeJSON.decode(LeaseRecord.self, from: Array(written.utf8)) == record)
    }

    @Test func millisecondsAreRoundedToTheNearest() {
        #expect(VolumeJSON.text(of: Date(timeIntervalSince1970: 1_800_000_000.0006)) == "2027-01-15T08:00:00.001Z")
        #expect(VolumeJSON.text(of: Date(timeIntervalSince1970: 1_800_000_000.9996)) == "2027-01-15T08:00:01.000Z")
    }
}
