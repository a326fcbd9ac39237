extension QRCode {
    /// The square of modules being built: function patterns, placed codewords, mask, format and version information.
    struct Matrix {
        let size: Int
        /// Row-major, true is dark.
        private(set) var dark: [Bool]
        /// Function patterns and the format and version areas, which the codewords skip and masks leave alone.
        private var reserved: [Bool]

        /// A matrix with every function pattern and the version information drawn, and the format areas reserved.
        init(version: Int) {
            size = 17 + 4 * version
            dark = Array(repeating: false, count: size * size)
            reserved = dark
            drawTimingPatterns()
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinderPattern(centreX: x, centreY: y) }
            drawAlignmentPatterns(version: version)
            drawFormat(errorCorrection: .medium, mask: 0)
            drawVersion(version)
        }

        private mutating func setFunctionModule(x: Int, y: Int, dark isDark: Bool) {
            dark[y * size + x] = isDark
            reserved[y * size + x] = true
        }

        private mutating func drawTimingPatterns() {
            for index in 0..<size {
                setFunctionModule(x: 6, y: index, dark: index.isMultiple(of: 2))
                setFunctionModule(x: index, y: 6, dark: index.isMultiple(of: 2))
            }
        }

        /// The 7×7 finder with its light separator, clipped at the symbol's edge.
        private mutating func drawFinderPattern(centreX: Int, centreY: Int) {
            for dy in -4...4 {
                for dx in -4...4 where (0..<size).contains(centreX + dx) && (0..<size).contains(centreY + dy) {
                    let ring = max(abs(dx), abs(dy))
                    setFunctionModule(x: centreX + dx, y: centreY + dy, dark: ring != 2 && ring != 4)
                }
            }
        }

        private mutating func drawAlignmentPatterns(version: Int) {
            let centres = QRCode.alignmentCentres(version: version)
            let last = centres.count - 1
            for (i, centreX) in centres.enumerated() {
                for (j, centreY) in centres.enumerated() {
                    // The three corners taken by the finder patterns get none.
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 {
                            setFunctionModule(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
                        }
                    }
                }
            }
        }

        /// The 15-bit format information, twice, and the dark module beside the bottom-left finder.
        mutating func drawFormat(errorCorrection: ErrorCorrection, mask: Int) {
            let bits = QRCode.formatInformation(errorCorrection: errorCorrection, mask: mask)
            func bit(_ index: Int) -> Bool { bits >> index & 1 == 1 }
            // Around the top-left finder, skipping the timing patterns.
            for index in 0...5 { setFunctionModule(x: 8, y: index, dark: bit(index)) }
            setFunctionModule(x: 8, y: 7, dark: bit(6))
            setFunctionModule(x: 8, y: 8, dark: bit(7))
            setFunctionModule(x: 7, y: 8, dark: bit(8))
            for index in 9..<15 { setFunctionModule(x: 14 - index, y: 8, dark: bit(index)) }
            // Split between the top-right and bottom-left finders.
            for index in 0..<8 { setFunctionModule(x: size - 1 - index, y: 8, dark: bit(index)) }
            for index in 8..<15 { setFunctionModule(x: 8, y: size - 15 + index, dark: bit(index)) }
            setFunctionModule(x: 8, y: size - 8, dark: true)
        }

        /// The 18-bit version information beside the top-right and bottom-left finders, from version 7 on.
        private mutating func drawVersion(_ version: Int) {
            guard version >= 7 else { return }
            let bits = QRCode.versionInformation(version)
            for index in 0..<18 {
                let isDark = bits >> index & 1 == 1
                let long = size - 11 + index % 3
                let short = index / 3
                setFunctionModule(x: long, y: short, dark: isDark)
                setFunctionModule(x: short, y: long, dark: isDark)
            }
        }

        /// Places codewords most significant bit first in two-module columns, zigzagging up and down from the
        /// bottom right and stepping over the vertical timing pattern; modules left over stay light.
        mutating func place(_ codewords: [UInt8]) {
            let bitCount = codewords.count * 8
            var bitIndex = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = (right + 1) & 2 == 0
                for vertical in 0..<size {
                    let y = upward ? size - 1 - vertical : vertical
                    for step in 0..<2 where !reserved[y * size + right - step] {  // right-hand module first
                        guard bitIndex < bitCount else { return }
                        dark[y * size + right - step] = codewords[bitIndex >> 3] >> (7 - bitIndex & 7) & 1 == 1
                        bitIndex += 1
                    }
                }
                right -= 2
            }
        }

        /// This matrix with `mask` applied to the encoding region and the matching format information drawn.
        func masked(_ mask: Int, errorCorrection: ErrorCorrection) -> Matrix {
            var result = self
            for y in 0..<size {
                for x in 0..<size where !reserved[y * size + x] && QRCode.maskInverts(mask, x: x, y: y) {
                    result.dark[y * size + x].toggle()
                }
            }
            result.drawFormat(errorCorrection: errorCorrection, mask: mask)
            return result
        }

        /// The mask whose complete symbol scores the lowest penalty; ties go to the lower mask number.
        func lowestPenaltyMask(errorCorrection: ErrorCorrection) -> Int {
            let penalties = (0..<8).map { masked($0, errorCorrection: errorCorrection).penalty.total }
            return penalties.indices.min { (penalties[$0], $0) < (penalties[$1], $1) }!
        }

        var penalty: Penalty { Penalty(modules: dark, size: size) }
    }

    /// Whether data mask `mask` inverts the module at column `x`, row `y` (ISO/IEC 18004 Table 10, i = y, j = x).
    static func maskInverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// The level and mask, protected by a BCH(15,5) code and XORed with 101010000010010 (ISO/IEC 18004 7.9.1).
    static func formatInformation(errorCorrection: ErrorCorrection, mask: Int) -> Int {
        let data = formatBits(errorCorrection) << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = remainder << 1 ^ (remainder >> 9) * 0x537 }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The version number protected by a BCH(18,6) code (ISO/IEC 18004 7.10).
    static func versionInformation(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = remainder << 1 ^ (remainder >> 11) * 0x1F25 }
        return version << 12 | remainder
    }
}
