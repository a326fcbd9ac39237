/// The per-version numbers of ISO/IEC 18004: capacities, block structure and alignment pattern positions.
extension QRCode {
    /// The two format information bits naming the level (ISO/IEC 18004 Table 12); not in the order of strength.
    static func formatBits(_ level: ErrorCorrection) -> Int {
        switch level {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    /// Error correction codewords in each block, indexed by version - 1 (ISO/IEC 18004 Table 9).
    static func eccCodewordsPerBlock(version: Int, errorCorrection: ErrorCorrection) -> Int {
        let table: [Int] =
            switch errorCorrection {
            case .low:
                [
                    7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
                    28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
                ]
            case .medium:
                [
                    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
                    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
                ]
            case .quartile:
                [
                    13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
                    28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
                ]
            case .high:
                [
                    17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
                    30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
                ]
            }
        return table[version - 1]
    }

    /// Reed–Solomon blocks the codewords are split into, indexed by version - 1 (ISO/IEC 18004 Table 9).
    static func blockCount(version: Int, errorCorrection: ErrorCorrection) -> Int {
        let table: [Int] =
            switch errorCorrection {
            case .low:
                [
                    1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
                    8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
                ]
            case .medium:
                [
                    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
                    17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
                ]
            case .quartile:
                [
                    1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
                    23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
                ]
            case .high:
                [
                    1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
                    25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
                ]
            }
        return table[version - 1]
    }

    /// Modules left for codewords once the function patterns, format and version information are drawn.
    static func dataModuleCount(version: Int) -> Int {
        var count = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            count -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { count -= 36 }
        }
        return count
    }

    /// All codewords, data and error correction; any leftover modules are remainder bits.
    static func totalCodewordCount(version: Int) -> Int {
        dataModuleCount(version: version) / 8
    }

    /// Codewords that carry data (including padding) at this version and level.
    static func dataCodewordCount(version: Int, errorCorrection: ErrorCorrection) -> Int {
        totalCodewordCount(version: version)
            - eccCodewordsPerBlock(version: version, errorCorrection: errorCorrection)
            * blockCount(version: version, errorCorrection: errorCorrection)
    }

    /// Width of the byte-mode character count indicator (ISO/IEC 18004 Table 3).
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// Whether `byteCount` bytes fit in byte mode; the terminator may be cut short, so it needs no room.
    static func fits(byteCount: Int, version: Int, errorCorrection: ErrorCorrection) -> Bool {
        byteCount < 1 << characterCountBits(version: version)
            && 4 + characterCountBits(version: version) + 8 * byteCount
                <= 8 * dataCodewordCount(version: version, errorCorrection: errorCorrection)
    }

    static func smallestVersion(fitting byteCount: Int, errorCorrection: ErrorCorrection) -> Int? {
        (1...40).first { fits(byteCount: byteCount, version: $0, errorCorrection: errorCorrection) }
    }

    /// Row and column coordinates of the alignment pattern centres, ascending (ISO/IEC 18004 Annex E).
    static func alignmentCentres(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        // The spacing is even and equal except for the first gap; version 32 is the one the formula misses.
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        let size = 17 + 4 * version
        return [6] + (0..<count - 1).map { size - 7 - $0 * step }.reversed()
    }
}
