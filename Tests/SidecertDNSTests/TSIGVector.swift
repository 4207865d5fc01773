@testable import SidecertDNS

/// TSIG known-answer vectors made by an independent implementation, dnspython, with
/// Vectors/make-tsig-vectors.py: an UPDATE of zone example.test adding TXT "kat-value" at
/// _acme-challenge.www.example.test (ID 0x1234, names compressed as dnspython writes them), signed with
/// key `sidecert-key.`, and its signed answer.
/// dnspython 2.9.2; time signed 1700000000, fudge 300.
struct TSIGVector: Sendable {
    var algorithm: TSIGAlgorithm
    var request: String
    var requestMAC: String
    var response: String

    static let keyName = "sidecert-key"
    static let base64Secret = "c2lkZWNlcnQtdGVzdC1zZWNyZXQtMzItYnl0ZXMhIQ=="
    static let timeSigned: UInt64 = 1_700_000_000

    static let all: [TSIGVector] = [
        TSIGVector(
            algorithm: .hmacSHA256,
            request:
                "123428000001000000010001076578616d706c65047465737400000600010f5f61636d652d6368616c6c656e67650377"
                + "7777c00c001000010000003c000a096b61742d76616c75650c73696465636572742d6b65790000fa00ff00000000003d"
                + "0b686d61632d7368613235360000006553f100012c002020c67aff1e3f60c2caeb3b63dcb24054d3f02d40fdb0acbd5b"
                + "e717e83259f1a1123400000000",
            requestMAC: "20c67aff1e3f60c2caeb3b63dcb24054d3f02d40fdb0acbd5be717e83259f1a1",
            response:
                "1234a8000001000000000001076578616d706c65047465737400000600010c73696465636572742d6b65790000fa00ff"
                + "00000000003d0b686d61632d7368613235360000006553f100012c00206dce23ce1e0c57aefbb6e4790374c94e703b24"
                + "1a506efa2cba143c9a66925c24123400000000"
        ),
        TSIGVector(
            algorithm: .hmacSHA384,
            request:
                "123428000001000000010001076578616d706c65047465737400000600010f5f61636d652d6368616c6c656e67650377"
                + "7777c00c001000010000003c000a096b61742d76616c75650c73696465636572742d6b65790000fa00ff00000000004d"
                + "0b686d61632d7368613338340000006553f100012c0030622f0f0f9914de3dc44e24e58c0dc4de85d6581a3e4ad95c20"
                + "8f4f3d4cb162c34ece57deaa24a22c1ce554cbb5783dba123400000000",
            requestMAC: "622f0f0f9914de3dc44e24e58c0dc4de85d6581a3e4ad95c208f4f3d4cb162c34ece57deaa24a22c1ce554cbb5783dba",
            response:
                "1234a8000001000000000001076578616d706c65047465737400000600010c73696465636572742d6b65790000fa00ff"
                + "00000000004d0b686d61632d7368613338340000006553f100012c003071b65165952af459c03353b4841e0733984c7e"
                + "282824869f64f7de2142c8ebe13512a12af97d94802de2c96e62a3e470123400000000"
        ),
        TSIGVector(
            algorithm: .hmacSHA512,
            request:
                "123428000001000000010001076578616d706c65047465737400000600010f5f61636d652d6368616c6c656e67650377"
                + "7777c00c001000010000003c000a096b61742d76616c75650c73696465636572742d6b65790000fa00ff00000000005d"
                + "0b686d61632d7368613531320000006553f100012c00403eadc8e3323bdf0d489d9c3135c055319cd3ab6894daa68ab4"
                + "f9244d6b89244927646a25c0d218b2d52c4f585646cd55b17777306c69d50bb99a96846632bc85123400000000",
            requestMAC:
                "3eadc8e3323bdf0d489d9c3135c055319cd3ab6894daa68ab4f9244d6b89244927646a25c0d218b2d52c4f585646cd55b17777306c69d50bb99a96846632bc85",
            response:
                "1234a8000001000000000001076578616d706c65047465737400000600010c73696465636572742d6b65790000fa00ff"
                + "00000000005d0b686d61632d7368613531320000006553f100012c0040195361b40c2a69e63ae50f9de8ec771659461f"
                + "87f6f4fd786b50d545a43b4ad15688990a923e6d1311626b33f0f10aedee47e70a3f5651f8adbb3b847d197e1e123400"
                + "000000"
        ),
        TSIGVector(
            algorithm: .hmacSHA1,
            request:
                "123428000001000000010001076578616d706c65047465737400000600010f5f61636d652d6368616c6c656e67650377"
                + "7777c00c001000010000003c000a096b61742d76616c75650c73696465636572742d6b65790000fa00ff00000000002f"
                + "09686d61632d736861310000006553f100012c0014f6c2525cbe1aed81ae06eafc6724d79548065f9d123400000000",
            requestMAC: "f6c2525cbe1aed81ae06eafc6724d79548065f9d",
            response:
                "1234a8000001000000000001076578616d706c65047465737400000600010c73696465636572742d6b65790000fa00ff"
                + "00000000002f09686d61632d736861310000006553f100012c0014e1ad9652c0e6ff9a2330045e5da0b815b57d80ae12"
                + "3400000000"
        ),
    ]
}

extension [UInt8] {
    /// Bytes from hexadecimal text (test vectors).
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }
}
