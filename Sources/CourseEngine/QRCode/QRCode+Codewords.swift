/// Turning bytes into the final codeword sequence: byte-mode segment, padding, blocks and interleaving.
extension QRCode {
    /// The data codewords: mode indicator, character count, the bytes, terminator and pad codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int, errorCorrection: ErrorCorrection) -> [UInt8] {
        let capacity = dataCodewordCount(version: version, errorCorrection: errorCorrection)
        var bits = BitWriter()
        bits.append(0b0100, count: 4)  // byte mode
        bits.append(bytes.count, count: characterCountBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, 8 * capacity - bits.count))  // terminator, shortened when the symbol is full
        bits.append(0, count: (8 - bits.count % 8) % 8)

        var codewords = bits.bytes
        codewords.reserveCapacity(capacity)
        for index in 0..<(capacity - codewords.count) {
            codewords.append(index.isMultiple(of: 2) ? 0xEC : 0x11)
        }
        return codewords
    }

    /// The data codewords in each block, in order (ISO/IEC 18004 Table 9): the blocks of the second group, when
    /// there is one, hold one more than those of the first.
    static func blockDataLengths(version: Int, errorCorrection: ErrorCorrection) -> [Int] {
        let blocks = blockCount(version: version, errorCorrection: errorCorrection)
        let total = totalCodewordCount(version: version)
        let shortLength = total / blocks - eccCodewordsPerBlock(version: version, errorCorrection: errorCorrection)
        let shortBlocks = blocks - total % blocks
        return (0..<blocks).map { shortLength + ($0 < shortBlocks ? 0 : 1) }
    }

    /// Splits the data into blocks, adds each block's Reed–Solomon codewords and interleaves them for placement.
    static func finalCodewords(_ data: [UInt8], version: Int, errorCorrection: ErrorCorrection) -> [UInt8] {
        let eccLength = eccCodewordsPerBlock(version: version, errorCorrection: errorCorrection)
        let generator = ReedSolomon.generator(degree: eccLength)

        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        var start = data.startIndex
        for length in blockDataLengths(version: version, errorCorrection: errorCorrection) {
            dataBlocks.append(data[start..<start + length])
            eccBlocks.append(ReedSolomon.remainder(of: data[start..<start + length], generator: generator))
            start += length
        }

        var result: [UInt8] = []
        result.reserveCapacity(totalCodewordCount(version: version))
        for offset in 0..<(dataBlocks.last?.count ?? 0) {
            for block in dataBlocks where offset < block.count {
                result.append(block[block.startIndex + offset])
            }
        }
        for offset in 0..<eccLength {
            for block in eccBlocks { result.append(block[offset]) }
        }
        return result
    }
}

/// Collects bits most significant first and hands them back as bytes.
struct BitWriter {
    /// The whole bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// Bits written but not yet making a whole byte, in the low `pending` bits.
    private var accumulator = 0
    private var pending = 0

    /// Bits written so far.
    var count: Int { bytes.count * 8 + pending }

    /// Appends the low `width` bits of `value`, at most 24 at a time.
    mutating func append(_ value: Int, count width: Int) {
        precondition((0...24).contains(width))
        accumulator = accumulator << width | value & (1 << width - 1)
        pending += width
        while pending >= 8 {
            pending -= 8
            bytes.append(UInt8(truncatingIfNeeded: accumulator >> pending))
        }
        accumulator &= 1 << pending - 1
    }
}
