import Foundation
import Testing

@testable import CourseEngine

#if canImport(FoundationXML)
    import FoundationXML
#endif

// Reference vectors, produced once by a Python script and embedded so the tests need no Python:
// - matrices from python-qrcode 8.2 with byte mode, version and mask forced (`QRData(data, mode=MODE_8BIT_BYTE)`,
//   `make(fit=False)`), each also checked equal to Nayuki's qrcodegen 1.8 before being written down;
// - fingerprints are FNV-1a 64 of the matrix rows as "0"/"1" strings joined by "\n";
// - byte capacities are the largest byte counts python-qrcode's `best_fit` puts in each version;
// - automatic masks are zint's (through zxing-cpp 3.1.1, read back with its decoder), on texts whose zint symbol
//   carries exactly our codewords. python-qrcode's own automatic mask is not used: it scores the masks with the format
//   and version information and the dark module left light (ISO/IEC 18004:2015 7.8.3.1 scores the complete symbol),
//   ignores finder-like patterns that touch the quiet zone and counts one twice when both its sides are light; it
//   agrees with zint on 10 of these 28;
// - penalties per mask were scored in Python, independently of the Swift code, on python-qrcode's matrices.

private let verificationURL = "https://binhdan.example.vn/verify/K7M2-Q9XH-4TPW"
private let learnerName = "Chứng chỉ: Nguyễn Thị Hương"
private let certificateLine =
    "Chứng chỉ hoàn thành khóa học “Làm quen với VNeID” cấp cho Nguyễn Thị Hương, Phường Hoàn Kiếm, Hà Nội."
private let longText = String(repeating: certificateLine + " Kiểm tra tại " + verificationURL + ". ", count: 3)
private let asciiSentence =
    "Chung chi hoan thanh khoa hoc Lam quen voi VNeID, cap cho Nguyen Thi Huong, phuong Hoan Kiem, Ha Noi."

/// A symbol written out in full, one hexadecimal string per row, leftmost module in the highest bit.
private struct ReferenceSymbol {
    let text: String
    let level: QRCode.ErrorCorrection
    let version: Int
    let mask: Int
    let rows: [String]

    init(_ text: String, _ level: QRCode.ErrorCorrection, version: Int, mask: Int, rows: String) {
        self.text = text
        self.level = level
        self.version = version
        self.mask = mask
        self.rows = rows.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}

/// A symbol known by the fingerprint of its matrix.
private struct FingerprintedSymbol {
    let text: String
    let level: QRCode.ErrorCorrection
    let version: Int
    let mask: Int
    let fingerprint: UInt64

    init(_ text: String, _ level: QRCode.ErrorCorrection, version: Int, mask: Int, _ fingerprint: UInt64) {
        self.text = text
        self.level = level
        self.version = version
        self.mask = mask
        self.fingerprint = fingerprint
    }
}

/// The version and mask another encoder chose by itself, for low, medium, quartile and high.
private struct AutomaticChoice {
    let text: String
    let versions: [Int]
    let masks: [Int]

    init(_ text: String, versions: [Int], masks: [Int]) {
        self.text = text
        self.versions = versions
        self.masks = masks
    }
}

/// ISO/IEC 18004 Table 9 as python-qrcode 8.2 holds it: per version, groups of
/// "blocks x (total codewords, data codewords)".
private let blockTable: [QRCode.ErrorCorrection: String] = [
    .low: """
    1x(26,19) 1x(44,34) 1x(70,55) 1x(100,80) 1x(134,108) 2x(86,68) 2x(98,78) 2x(121,97) 2x(146,116)
    2x(86,68)+2x(87,69) 4x(101,81) 2x(116,92)+2x(117,93) 4x(133,107) 3x(145,115)+1x(146,116)
    5x(109,87)+1x(110,88) 5x(122,98)+1x(123,99) 1x(135,107)+5x(136,108) 5x(150,120)+1x(151,121)
    3x(141,113)+4x(142,114) 3x(135,107)+5x(136,108) 4x(144,116)+4x(145,117) 2x(139,111)+7x(140,112)
    4x(151,121)+5x(152,122) 6x(147,117)+4x(148,118) 8x(132,106)+4x(133,107) 10x(142,114)+2x(143,115)
    8x(152,122)+4x(153,123) 3x(147,117)+10x(148,118) 7x(146,116)+7x(147,117) 5x(145,115)+10x(146,116)
    13x(145,115)+3x(146,116) 17x(145,115) 17x(145,115)+1x(146,116) 13x(145,115)+6x(146,116)
    12x(151,121)+7x(152,122) 6x(151,121)+14x(152,122) 17x(152,122)+4x(153,123) 4x(152,122)+18x(153,123)
    20x(147,117)+4x(148,118) 19x(148,118)+6x(149,119)
    """,
    .medium: """
    1x(26,16) 1x(44,28) 1x(70,44) 2x(50,32) 2x(67,43) 4x(43,27) 4x(49,31) 2x(60,38)+2x(61,39)
    3x(58,36)+2x(59,37) 4x(69,43)+1x(70,44) 1x(80,50)+4x(81,51) 6x(58,36)+2x(59,37) 8x(59,37)+1x(60,38)
    4x(64,40)+5x(65,41) 5x(65,41)+5x(66,42) 7x(73,45)+3x(74,46) 10x(74,46)+1x(75,47) 9x(69,43)+4x(70,44)
    3x(70,44)+11x(71,45) 3x(67,41)+13x(68,42) 17x(68,42) 17x(74,46) 4x(75,47)+14x(76,48) 6x(73,45)+14x(74,46)
    8x(75,47)+13x(76,48) 19x(74,46)+4x(75,47) 22x(73,45)+3x(74,46) 3x(73,45)+23x(74,46) 21x(73,45)+7x(74,46)
    19x(75,47)+10x(76,48) 2x(74,46)+29x(75,47) 10x(74,46)+23x(75,47) 14x(74,46)+21x(75,47)
    14x(74,46)+23x(75,47) 12x(75,47)+26x(76,48) 6x(75,47)+34x(76,48) 29x(74,46)+14x(75,47)
    13x(74,46)+32x(75,47) 40x(75,47)+7x(76,48) 18x(75,47)+31x(76,48)
    """,
    .quartile: """
    1x(26,13) 1x(44,22) 2x(35,17) 2x(50,24) 2x(33,15)+2x(34,16) 4x(43,19) 2x(32,14)+4x(33,15)
    4x(40,18)+2x(41,19) 4x(36,16)+4x(37,17) 6x(43,19)+2x(44,20) 4x(50,22)+4x(51,23) 4x(46,20)+6x(47,21)
    8x(44,20)+4x(45,21) 11x(36,16)+5x(37,17) 5x(54,24)+7x(55,25) 15x(43,19)+2x(44,20) 1x(50,22)+15x(51,23)
    17x(50,22)+1x(51,23) 17x(47,21)+4x(48,22) 15x(54,24)+5x(55,25) 17x(50,22)+6x(51,23) 7x(54,24)+16x(55,25)
    11x(54,24)+14x(55,25) 11x(54,24)+16x(55,25) 7x(54,24)+22x(55,25) 28x(50,22)+6x(51,23) 8x(53,23)+26x(54,24)
    4x(54,24)+31x(55,25) 1x(53,23)+37x(54,24) 15x(54,24)+25x(55,25) 42x(54,24)+1x(55,25) 10x(54,24)+35x(55,25)
    29x(54,24)+19x(55,25) 44x(54,24)+7x(55,25) 39x(54,24)+14x(55,25) 46x(54,24)+10x(55,25)
    49x(54,24)+10x(55,25) 48x(54,24)+14x(55,25) 43x(54,24)+22x(55,25) 34x(54,24)+34x(55,25)
    """,
    .high: """
    1x(26,9) 1x(44,16) 2x(35,13) 4x(25,9) 2x(33,11)+2x(34,12) 4x(43,15) 4x(39,13)+1x(40,14)
    4x(40,14)+2x(41,15) 4x(36,12)+4x(37,13) 6x(43,15)+2x(44,16) 3x(36,12)+8x(37,13) 7x(42,14)+4x(43,15)
    12x(33,11)+4x(34,12) 11x(36,12)+5x(37,13) 11x(36,12)+7x(37,13) 3x(45,15)+13x(46,16) 2x(42,14)+17x(43,15)
    2x(42,14)+19x(43,15) 9x(39,13)+16x(40,14) 15x(43,15)+10x(44,16) 19x(46,16)+6x(47,17) 34x(37,13)
    16x(45,15)+14x(46,16) 30x(46,16)+2x(47,17) 22x(45,15)+13x(46,16) 33x(46,16)+4x(47,17)
    12x(45,15)+28x(46,16) 11x(45,15)+31x(46,16) 19x(45,15)+26x(46,16) 23x(45,15)+25x(46,16)
    23x(45,15)+28x(46,16) 19x(45,15)+35x(46,16) 11x(45,15)+46x(46,16) 59x(46,16)+1x(47,17)
    22x(45,15)+41x(46,16) 2x(45,15)+64x(46,16) 24x(45,15)+46x(46,16) 42x(45,15)+32x(46,16)
    10x(45,15)+67x(46,16) 20x(45,15)+61x(46,16)
    """,
]

private let levels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]

/// The matrix as "0"/"1" rows.
private func rows(_ code: QRCode) -> [String] {
    (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
}

/// The matrix as hexadecimal rows, padded on the right to whole digits.
private func hexRows(_ code: QRCode) -> [String] {
    rows(code).map { row in
        let bits = Array(row + String(repeating: "0", count: (4 - row.count % 4) % 4))
        let digits = stride(from: 0, to: bits.count, by: 4).map { Int(String(bits[$0..<$0 + 4]), radix: 2)! }
        return digits.map { String($0, radix: 16) }.joined()
    }
}

/// FNV-1a, 64 bits, over the "0"/"1" rows joined by newlines.
private func fingerprint(_ code: QRCode) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    for y in 0..<code.size {
        if y > 0 { add(UInt8(ascii: "\n")) }
        for x in 0..<code.size { add(code.isDark(x: x, y: y) ? UInt8(ascii: "1") : UInt8(ascii: "0")) }
    }
    return hash
}

/// The bytes every version is filled with in the sweep: varied, so no two blocks look alike.
private func sweepBytes(version: Int, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(($0 * 37 + version) % 256) }
}

/// A square of modules from "0"/"1" rows.
private func modules(_ rows: [String]) -> [Bool] {
    rows.flatMap { $0.map { $0 == "1" } }
}

private let referenceSymbols: [ReferenceSymbol] = [
    ReferenceSymbol(
        verificationURL, .medium, version: 4, mask: 2,
        rows: """
            fe2efd3f8 8227c6a08 bacde42e8 bafb8e2e8 bac967ae8 82cd8c208 feaaaabf8 00d126000 be374bbe0 2508bd368
            cff92eea0 95fa8ccf0 dfc137dc8 e99f8bd58 621e12fd0 953e9cf60 07def1da8 9064fd378 e3f1cc9b0 1d78e55e8
            02728f8d0 a84562708 9fd5ca850 a0bf24aa0 b36d43fc0 00f61c8a8 fe3523ab0 82ba878f0 baea34fc8 ba998dcf8
            ba8656340 824abfae0 fef65bd30
            """),
    ReferenceSymbol(
        learnerName, .quartile, version: 4, mask: 5,
        rows: """
            fefefcbf8 82f3be208 ba5716ae8 ba553bae8 ba55092e8 820414a08 feaaaabf8 001319000 43c759c18 4184fe880
            9e665b2b0 d579e5940 d75b549c8 1cfd21108 d3984c130 acf98aad0 0e9966580 c89d79b30 da2e06328 2c20a2b80
            775394bc0 9105e5ca8 93ff938f0 b9fd59690 eaa6c1f88 00865c888 fe942bac0 824a87880 ba6f4ff98 ba0040c88
            ba7591498 82dec2900 fe2ceb1b0
            """),
    ReferenceSymbol(
        certificateLine, .low, version: 7, mask: 3,
        rows: """
            fee8a43c0bf8 823ac6241208 bad9096ad2e8 ba9befe4dae8 ba9d8fe7fae8 821d78ed0208 feaaaaaaabf8 007678ac6000
            f2f5ffd60ce8 dc7d28b1da18 3f1904e23400 35feb667a460 2f5bf6578c80 70e940c8c870 33b29b730260 e8db75facb90
            4ab453239df8 0c055c156e98 1b55cf9031f8 bc47f92b70e8 7fd04f9b9ff8 58d708b69898 9a9b2ac7ba98 38a128a1f8c8
            af885f864f90 8d4e4b54cd60 2a6dcbd386e0 20f175be0018 26bb150b68c8 9c66127139f8 1ff73c70f890 e48819243800
            f3928e2037a8 0508f32eae60 0ae2f78f0218 78a55029dec8 9a856feb4f90 0080d8f89888 fe446af10ae0 82050888c8a0
            ba733fadefe8 ba98851f0470 bae067307808 828c45cf9648 fea8681826a0
            """),
]
private let fingerprintedSymbols: [FingerprintedSymbol] = [
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 0, 0x59c9_68df_953c_8ba5),
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 1, 0xdb7c_616a_db94_6b6b),
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 2, 0x1022_d67e_957c_dbf6),
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 3, 0x2cfc_083e_5d53_ab19),
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 4, 0xd56e_051d_7f0f_ace8),
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 5, 0x19e3_731c_4cbe_8e1a),
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 6, 0x612b_c3f3_4812_a5d7),
    FingerprintedSymbol(verificationURL, .low, version: 3, mask: 7, 0x1df3_6afc_de14_a4f1),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 0, 0x85e9_69bc_2b69_2281),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 1, 0x7cfe_4835_864e_b3e3),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 2, 0x5c86_cb2b_e3e4_573e),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 3, 0x3ac0_cde1_57d1_dda4),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 4, 0xab29_7e6b_9f68_3df9),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 5, 0x5b7f_2a2c_3960_ac51),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 6, 0xe2a2_62ab_4789_533e),
    FingerprintedSymbol(verificationURL, .medium, version: 4, mask: 7, 0xf3fb_5436_6b2a_8660),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 0, 0xd669_97a1_a034_897f),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 1, 0x3257_84d5_dd41_05e1),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 2, 0xe3de_633d_b481_56a1),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 3, 0x63fe_fc9e_d524_5c5d),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 4, 0x957d_91df_01d2_b3f3),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 5, 0x1655_009d_68a1_6ac0),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 6, 0xd94e_52e0_b80c_90fd),
    FingerprintedSymbol(verificationURL, .quartile, version: 5, mask: 7, 0xe000_4b22_df2e_ea03),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 0, 0x68f9_81e5_530f_e93f),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 1, 0xd8d2_1532_367c_0cd9),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 2, 0x8fc7_3d8d_ba21_f7e0),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 3, 0xc55b_aa2d_269d_0563),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 4, 0x325c_ef9d_21bf_d662),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 5, 0x2570_cb85_e48a_e9e0),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 6, 0x2a0f_2a38_5be6_8629),
    FingerprintedSymbol(verificationURL, .high, version: 6, mask: 7, 0x88ec_608c_5e98_09a3),
    FingerprintedSymbol(learnerName, .low, version: 3, mask: 0, 0xc8d9_84ec_f418_ca17),
    FingerprintedSymbol(learnerName, .low, version: 3, mask: 4, 0x4176_580f_ad80_3056),
    FingerprintedSymbol(learnerName, .low, version: 3, mask: 7, 0xe48f_2548_a44b_b39b),
    FingerprintedSymbol(learnerName, .medium, version: 3, mask: 0, 0x3e72_491d_db97_c4ef),
    FingerprintedSymbol(learnerName, .medium, version: 3, mask: 4, 0x5a53_bb4c_916d_ef5a),
    FingerprintedSymbol(learnerName, .medium, version: 3, mask: 7, 0xe235_e4d5_c896_8aff),
    FingerprintedSymbol(learnerName, .quartile, version: 4, mask: 0, 0xd595_3762_d60b_bec9),
    FingerprintedSymbol(learnerName, .quartile, version: 4, mask: 4, 0x947f_e35c_eb12_2e25),
    FingerprintedSymbol(learnerName, .quartile, version: 4, mask: 7, 0x8fca_1f4a_2e4d_5550),
    FingerprintedSymbol(learnerName, .high, version: 5, mask: 0, 0x01a1_d191_9bd3_b79f),
    FingerprintedSymbol(learnerName, .high, version: 5, mask: 4, 0x1ee2_acef_f87a_72c3),
    FingerprintedSymbol(learnerName, .high, version: 5, mask: 7, 0x95fe_fb7c_3582_b173),
    FingerprintedSymbol(certificateLine, .low, version: 7, mask: 1, 0x6f5a_6199_403a_4f64),
    FingerprintedSymbol(certificateLine, .low, version: 7, mask: 6, 0xa56d_3a51_6cb3_2483),
    FingerprintedSymbol(certificateLine, .medium, version: 8, mask: 1, 0x7883_d6db_0fd8_660e),
    FingerprintedSymbol(certificateLine, .medium, version: 8, mask: 6, 0x5b8b_29ff_f652_e565),
    FingerprintedSymbol(certificateLine, .quartile, version: 10, mask: 1, 0xd13d_55e1_8c1c_7f10),
    FingerprintedSymbol(certificateLine, .quartile, version: 10, mask: 6, 0x85f4_204d_eab3_14a7),
    FingerprintedSymbol(certificateLine, .high, version: 11, mask: 1, 0x4bef_e138_318c_4c40),
    FingerprintedSymbol(certificateLine, .high, version: 11, mask: 6, 0x60b6_d51e_45b8_fe33),
    FingerprintedSymbol(longText, .low, version: 17, mask: 2, 0xe750_3cef_a170_3a41),
    FingerprintedSymbol(longText, .medium, version: 19, mask: 5, 0x1965_178c_a35a_ff99),
    FingerprintedSymbol(longText, .quartile, version: 23, mask: 0, 0xdc48_6ab0_40ab_fefd),
    FingerprintedSymbol(longText, .high, version: 27, mask: 3, 0xf196_73a9_2069_1ced),
]
private let byteCapacity: [QRCode.ErrorCorrection: [Int]] = [
    .low: [
        17, 32, 53, 78, 106, 134, 154, 192, 230, 271,
        321, 367, 425, 458, 520, 586, 644, 718, 792, 858,
        929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732,
        1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809, 2953,
    ],
    .medium: [
        14, 26, 42, 62, 84, 106, 122, 152, 180, 213,
        251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
        711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370,
        1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
    ],
    .quartile: [
        11, 20, 32, 46, 60, 74, 86, 108, 130, 151,
        177, 203, 241, 258, 292, 322, 364, 394, 442, 482,
        509, 565, 611, 661, 715, 751, 805, 868, 908, 982,
        1030, 1112, 1168, 1228, 1283, 1351, 1423, 1499, 1579, 1663,
    ],
    .high: [
        7, 14, 24, 34, 44, 58, 64, 84, 98, 119,
        137, 155, 177, 194, 220, 250, 280, 310, 338, 382,
        403, 439, 461, 511, 535, 593, 625, 658, 698, 742,
        790, 842, 898, 958, 983, 1051, 1093, 1139, 1219, 1273,
    ],
]
private let fullSymbolFingerprints: [UInt64] = [
    0x94fc_3185_a953_6f53, 0x44ea_099c_bbf7_8bd3, 0x8dc5_39b7_0215_1e25, 0x7131_dfb1_63c5_d4db, 0x6a59_7a0b_d788_fdc6,
    0xacbe_dc88_6da5_a303, 0xb1a9_546b_3718_1c87, 0x070d_1498_fbd9_a049, 0xfb9c_7e23_b1a0_a90c, 0xfd12_af36_1bb3_5561,
    0xa28a_8baf_7170_d5ad, 0x7ec9_e854_7113_e18f, 0xa349_6cb1_6543_4f03, 0xe23d_3614_ad5a_5f27, 0xde03_fe8d_899e_b642,
    0x0a55_2e14_4c1e_1ecb, 0x1fb3_d943_6a5e_276c, 0x9f0e_6772_3176_7f77, 0x5116_1085_48ea_9d89, 0xc2b9_681d_0138_d019,
    0x7fe1_5ae1_b8cb_15d0, 0x1532_6079_51a3_46f7, 0x257d_84f6_644d_f9c7, 0x8ac3_e3fe_b904_be71, 0x903d_c003_bf2e_84e0,
    0x217f_0cc5_8cb2_f2e3, 0x8318_af9b_8d4b_cdff, 0xa6f6_920d_0b8f_2c16, 0xdf07_2e84_a7b8_b17a, 0xc0d3_6dd2_074d_7bb6,
    0xea9c_3b75_5850_7ed0, 0x0794_a2e5_e11d_741f, 0xcdf5_9e99_da9a_cd60, 0xd16b_77b5_35dc_4507, 0x0f85_2684_ff4f_902d,
    0xccf2_98c4_9ffb_7055, 0xe305_3ffe_0e5a_49ab, 0x1857_6225_b7dd_6709, 0x6004_e4f1_d39c_4790, 0x9ece_28e1_9a76_5c1f,
]
private let zintChoices: [AutomaticChoice] = [
    AutomaticChoice("binhdan", versions: [1, 1, 1, 1], masks: [7, 2, 6, 2]),
    AutomaticChoice("Hello, world!", versions: [1, 1, 2, 2], masks: [3, 2, 7, 2]),
    AutomaticChoice("https://binhdan.example.vn/verify/k7m2-q9xh-4tpw", versions: [3, 4, 5, 6], masks: [7, 2, 5, 4]),
    AutomaticChoice(
        "https://binhdan.example.vn/chung-chi/vneid-co-ban/nguyen-thi-huong",
        versions: [4, 5, 6, 8], masks: [2, 3, 2, 7]),
    AutomaticChoice(
        "https://binhdan.example.vn/courses/vneid-co-ban/lessons/01-cai-dat?step=3",
        versions: [4, 5, 6, 8], masks: [4, 2, 7, 0]),
    AutomaticChoice(asciiSentence, versions: [5, 6, 8, 10], masks: [4, 2, 6, 2]),
    AutomaticChoice(
        String(repeating: asciiSentence + " ", count: 3),
        versions: [11, 13, 16, 18], masks: [2, 6, 7, 2]),
]
private let verificationURLPenalties: [QRCode.Penalty] = [
    QRCode.Penalty(runs: 350, blocks: 357, finderLikePatterns: 760, balance: 0),
    QRCode.Penalty(runs: 415, blocks: 402, finderLikePatterns: 840, balance: 0),
    QRCode.Penalty(runs: 349, blocks: 336, finderLikePatterns: 720, balance: 0),
    QRCode.Penalty(runs: 301, blocks: 336, finderLikePatterns: 880, balance: 0),
    QRCode.Penalty(runs: 352, blocks: 351, finderLikePatterns: 760, balance: 0),
    QRCode.Penalty(runs: 381, blocks: 411, finderLikePatterns: 840, balance: 0),
    QRCode.Penalty(runs: 331, blocks: 360, finderLikePatterns: 800, balance: 0),
    QRCode.Penalty(runs: 355, blocks: 387, finderLikePatterns: 840, balance: 0),
]

@Suite("QR Code")
struct QRCodeTests {
    @Test("symbols match the reference encoder module for module")
    func referenceMatrices() throws {
        for reference in referenceSymbols {
            // Given a text, a level and a mask
            // When the text is encoded
            let code = try QRCode(text: reference.text, errorCorrection: reference.level, mask: reference.mask)

            // Then every module matches the reference
            #expect(code.version == reference.version)
            #expect(code.size == 17 + 4 * reference.version)
            #expect(code.mask == reference.mask)
            let actual = hexRows(code)
            let firstDifference = zip(actual, reference.rows).enumerated().first { $0.element.0 != $0.element.1 }
                .map(\.offset)
            #expect(
                actual == reference.rows,
                "version \(reference.version) mask \(reference.mask): first differing row \(firstDifference ?? -1)")
        }
    }

    @Test("every level and a range of masks match the reference fingerprints, versions 3 to 25")
    func referenceFingerprints() throws {
        for reference in fingerprintedSymbols {
            let code = try QRCode(text: reference.text, errorCorrection: reference.level, mask: reference.mask)

            #expect(code.version == reference.version)
            #expect(
                fingerprint(code) == reference.fingerprint,
                "\(reference.text.prefix(12)) \(reference.level) mask \(reference.mask)")
        }
    }

    @Test("every version from 1 to 40, filled to capacity, matches the reference")
    func everyVersion() throws {
        for version in 1...40 {
            // Given as many bytes as the version holds, at a level and mask that change with the version
            let level = levels[version % 4]
            let bytes = sweepBytes(version: version, count: byteCapacity[level]![version - 1])

            // When they are encoded at that version
            let code = try QRCode(bytes: bytes, errorCorrection: level, version: version, mask: version % 8)

            // Then the symbol is the reference's
            #expect(code.version == version)
            #expect(fingerprint(code) == fullSymbolFingerprints[version - 1], "version \(version), \(level)")
        }
    }

    @Test("blocks follow the standard's table at every version and level")
    func blockStructure() throws {
        for level in levels {
            let versions = try #require(blockTable[level]).split(whereSeparator: \.isWhitespace)
            #expect(versions.count == 40)
            for (index, entry) in versions.enumerated() {
                let version = index + 1
                var dataLengths: [Int] = []
                var totalCodewords = 0
                for group in entry.split(separator: "+") {
                    let numbers = group.split { !$0.isNumber }.map { Int($0)! }  // blocks, total, data
                    dataLengths += Array(repeating: numbers[2], count: numbers[0])
                    totalCodewords += numbers[0] * numbers[1]
                    let eccLength = QRCode.eccCodewordsPerBlock(version: version, errorCorrection: level)
                    #expect(numbers[1] - numbers[2] == eccLength, "\(version)-\(level)")
                }
                #expect(
                    QRCode.blockDataLengths(version: version, errorCorrection: level) == dataLengths,
                    "\(version)-\(level)")
                #expect(QRCode.totalCodewordCount(version: version) == totalCodewords, "\(version)")
            }
        }
    }

    @Test("the automatic mask is the one with the lowest standard penalty, as zint picks it")
    func automaticMask() throws {
        for choice in zintChoices {
            for (index, level) in levels.enumerated() {
                let code = try QRCode(text: choice.text, errorCorrection: level)

                #expect(code.version == choice.versions[index], "\(choice.text.prefix(20)) \(level)")
                #expect(code.mask == choice.masks[index], "\(choice.text.prefix(20)) \(level)")
            }
        }
    }

    @Test("each mask's penalty matches an independent scoring of the complete symbol")
    func penaltiesPerMask() throws {
        // Given the verification URL at level M, under each mask
        for mask in 0..<8 {
            let code = try QRCode(text: verificationURL, errorCorrection: .medium, mask: mask)

            // Then the four penalties are those scored in Python
            let penalty = QRCode.Penalty(modules: modules(rows(code)), size: code.size)
            #expect(penalty == verificationURLPenalties[mask], "mask \(mask)")
        }
        // And the encoder picks the lowest total
        let totals = verificationURLPenalties.map(\.total)
        let lowest = totals.indices.min { totals[$0] < totals[$1] }
        #expect(try QRCode(text: verificationURL).mask == lowest)
    }

    @Test("a finder-like pattern scores once, with the quiet zone counting as light")
    func finderLikePattern() {
        // Given 1011101 across a 7×7 square, light on both sides only thanks to the quiet zone
        let square = ["0000000", "0000000", "0000000", "1011101", "0000000", "0000000", "0000000"]

        // When it is scored
        let penalty = QRCode.Penalty(modules: modules(square), size: 7)

        // Then the pattern costs 40 once, not once per light side
        #expect(penalty.finderLikePatterns == 40)
        #expect(penalty.runs == 6 * 5 + 2 * 5)  // six light rows and two light columns of seven
        #expect(penalty.blocks == 4 * 6 * 3)
        #expect(penalty.balance == 70)  // 5 of 49 dark is 39.8 % away from half
    }

    @Test("a finder-like pattern needs four light modules on at least one side")
    func finderLikePatternNeedsLightSide() {
        // Given the pattern twice: once hemmed in by dark modules, once with light after it
        var square = Array(repeating: "00000000000", count: 11)
        square[3] = "11011101111"
        square[7] = "11011101000"

        let penalty = QRCode.Penalty(modules: modules(square), size: 11)

        #expect(penalty.finderLikePatterns == 40)
    }

    @Test("format and version information carry the standard's BCH codes")
    func formatAndVersionInformation() {
        // ISO/IEC 18004 Annex C: level M, mask 101.
        #expect(QRCode.formatInformation(errorCorrection: .medium, mask: 5) == 0b100_0000_1100_1110)
        // Annex D: version 7.
        #expect(QRCode.versionInformation(7) == 0b00_0111_1100_1001_0100)
    }

    @Test("Reed–Solomon codewords match the standard's worked example")
    func reedSolomon() {
        // ISO/IEC 18004 Annex I: "01234567" as a 1-M symbol.
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        let ecc = ReedSolomon.remainder(of: data[...], generator: ReedSolomon.generator(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("data codewords hold the byte-mode header, the bytes, the terminator and alternating pad codewords")
    func dataCodewords() {
        #expect(
            QRCode.dataCodewords(Array("hello".utf8), version: 1, errorCorrection: .low) == [
                0x40, 0x56, 0x86, 0x56, 0xC6, 0xC6, 0xF0, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
                0xEC, 0x11,
            ])
        // From version 10 on the character count takes 16 bits.
        #expect(QRCode.dataCodewords([0xAB], version: 10, errorCorrection: .low).prefix(4) == [0x40, 0x00, 0x1A, 0xB0])
    }

    @Test("the smallest version that holds the bytes is chosen, as python-qrcode chooses it")
    func smallestVersion() throws {
        for level in levels {
            for version in 1...40 {
                let capacity = byteCapacity[level]![version - 1]
                #expect(QRCode.smallestVersion(fitting: capacity, errorCorrection: level) == version)
                #expect(
                    QRCode.smallestVersion(fitting: capacity + 1, errorCorrection: level)
                        == (version < 40 ? version + 1 : nil))
            }
        }
        // Vietnamese letters take two or three bytes each: 37 bytes need version 4 at Q, not 3.
        #expect(try QRCode(text: learnerName, errorCorrection: .quartile).version == 4)
        #expect(try QRCode(text: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(text: String(repeating: "a", count: 15)).version == 2)
    }

    @Test("text longer than a version 40 symbol holds is refused")
    func tooLong() {
        #expect(throws: QRCode.Error.tooLong) {
            try QRCode(text: String(repeating: "a", count: 2954), errorCorrection: .low)
        }
        // 637 × "ư" is 1274 bytes, one more than 40-H holds.
        #expect(throws: QRCode.Error.tooLong) {
            try QRCode(text: String(repeating: "ư", count: 637), errorCorrection: .high)
        }
        #expect(throws: QRCode.Error.tooLong) {
            try QRCode(bytes: Array(repeating: 0x61, count: 15), errorCorrection: .medium, version: 1, mask: nil)
        }
    }

    @Test("the SVG is a well-formed image of exactly the dark modules inside a four-module quiet zone")
    func svg() throws {
        // Given a certificate's verification URL
        let code = try QRCode(text: verificationURL)

        // When it is drawn at 5 px per module
        let svg = code.svg(moduleSize: 5, label: "Mã QR xác thực chứng chỉ")

        // Then it is one accessible, script-free SVG element sized for the symbol and its quiet zone
        let side = code.size + 8
        #expect(svg.hasPrefix("<svg"))
        #expect(!svg.lowercased().contains("<script"))
        let elements = try #require(SVGElements(svg))
        #expect(elements.names == ["svg", "rect", "path"])
        let root = elements.attributes[0]
        #expect(root["viewBox"] == "0 0 \(side) \(side)")
        #expect(root["width"] == "\(side * 5)")
        #expect(root["height"] == "\(side * 5)")
        #expect(root["shape-rendering"] == "crispEdges")
        #expect(root["role"] == "img")
        #expect(root["aria-label"] == "Mã QR xác thực chứng chỉ")
        #expect(elements.attributes[1]["fill"] == "#fff")

        // And the path paints every dark module once and nothing else
        var painted = Array(repeating: 0, count: side * side)
        for segment in try #require(elements.attributes[2]["d"]).split(separator: "M") {
            // Each run of dark modules is "x y h<width> v1 h-<width> z".
            let numbers = segment.split { !$0.isNumber }.map { Int($0)! }
            try #require(numbers.count == 5 && numbers[3] == 1 && numbers[2] == numbers[4], "\(segment)")
            for x in numbers[0]..<numbers[0] + numbers[2] { painted[numbers[1] * side + x] += 1 }
        }
        let expected = (0..<side * side).map { code.isDark(x: $0 % side - 4, y: $0 / side - 4) ? 1 : 0 }
        #expect(painted == expected)
    }

    @Test("the SVG escapes its label")
    func svgLabel() throws {
        let svg = try QRCode(text: "x").svg(label: #"Tom & "Jerry" <script>"#)

        #expect(svg.contains(#"aria-label="Tom &amp; &quot;Jerry&quot; &lt;script&gt;""#))
        #expect(!svg.contains("<script"))
    }

    @Test("modules outside the symbol read as light, and the dark module is dark")
    func outsideIsLight() throws {
        let code = try QRCode(text: verificationURL)

        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
        #expect(code.isDark(x: 0, y: 0))
        #expect(code.isDark(x: 8, y: code.size - 8))
    }
}

/// The elements of an SVG document in order, with their attributes; nil when the XML is not well-formed.
private final class SVGElements: NSObject, XMLParserDelegate {
    private(set) var names: [String] = []
    private(set) var attributes: [[String: String]] = []

    init?(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else { return nil }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String]
    ) {
        names.append(elementName)
        attributes.append(attributeDict)
    }
}
