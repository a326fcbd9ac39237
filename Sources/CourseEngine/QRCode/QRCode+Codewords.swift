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
        for index in 0..<(capacity - codewords.count) {
            codewords.append(index.isMultiple(of: 2) ? 0xEC : 0x11)
        }
        return codewords
    }

    /// Splits the data into blocks, adds each block's Reed–Solomon codewords and interleaves them for placement.
    static func finalCodewords(_ data: [UInt8], version: Int, errorCorrection: ErrorCorrection) -> [UInt8] {
        let blocks = blockCount(version: version, errorCorrection: errorCorrection)
        let eccLength = eccCodewordsPerBlock(version: version, errorCorrection: errorCorrection)
        let total = totalCodewordCount(version: version)
        // Blocks in the second group, when there is one, hold one more data codeword than those in the first.
        let shortBlocks = blocks - total % blocks
        let shortDataLength = total / blocks - eccLength
        let generator = ReedSolomon.generator(degree: eccLength)

        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        var start = data.startIndex
        for index in 0..<blocks {
            let end = start + shortDataLength + (index < shortBlocks ? 0 : 1)
            dataBlocks.append(data[start..<end])
            eccBlocks.append(ReedSolomon.remainder(of: data[start..<end], generator: generator))
            start = end
        }

        var result: [UInt8] = []
        result.reserveCapacity(total)
        for offset in 0...shortDataLength {
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
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count width: Int) {
        for shift in stride(from: width - 1, through: 0, by: -1) {
            if count.isMultiple(of: 8) { bytes.append(0) }
            if value >> shift & 1 == 1 { bytes[bytes.count - 1] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}
