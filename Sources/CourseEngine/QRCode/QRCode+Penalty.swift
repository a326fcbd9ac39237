extension QRCode {
    /// The penalty points of ISO/IEC 18004:2015 7.8.3.1 (N1 = 3, N2 = 3, N3 = 40, N4 = 10), by which the encoder picks
    /// the mask that leaves the fewest features a reader could trip over.
    ///
    /// The standard scores the complete symbol, so format and version information are in place when it is scored.
    struct Penalty: Equatable {
        /// Runs of five or more same-coloured modules in a row or column: 3 points, plus 1 per module beyond five.
        var runs = 0
        /// 2×2 blocks of one colour, overlapping blocks counted each: 3 points each.
        var blocks = 0
        /// Dark-light-dark-dark-dark-light-dark in a row or column with four light modules before or after it, the
        /// quiet zone counting as light: 40 points each, however many sides are light.
        var finderLikePatterns = 0
        /// 10 points for each full 5 % step the share of dark modules lies away from 50 %.
        var balance = 0

        var total: Int { runs + blocks + finderLikePatterns + balance }

        /// Scores a square of `size × size` modules, row-major, true for dark.
        init(modules: [Bool], size: Int) {
            precondition(modules.count == size * size && size >= 7)
            var line = [Bool](repeating: false, count: size)
            for index in 0..<size {
                for offset in 0..<size { line[offset] = modules[index * size + offset] }
                score(line: line)
                for offset in 0..<size { line[offset] = modules[offset * size + index] }
                score(line: line)
            }

            for y in 0..<size - 1 {
                for x in 0..<size - 1 {
                    let colour = modules[y * size + x]
                    if modules[y * size + x + 1] == colour && modules[(y + 1) * size + x] == colour
                        && modules[(y + 1) * size + x + 1] == colour
                    {
                        blocks += 3
                    }
                }
            }

            let dark = modules.count { $0 }
            let total = size * size
            // |dark / total - 50 %| in whole 5 % steps, kept in integers.
            balance = 10 * (abs(20 * dark - 10 * total) / total)
        }

        init(runs: Int, blocks: Int, finderLikePatterns: Int, balance: Int) {
            self.runs = runs
            self.blocks = blocks
            self.finderLikePatterns = finderLikePatterns
            self.balance = balance
        }

        private static let finderLike: [Bool] = [true, false, true, true, true, false, true]

        /// Adds one row's or column's runs and finder-like patterns.
        private mutating func score(line: [Bool]) {
            let count = line.count
            var runStart = 0
            for index in 1...count where index == count || line[index] != line[runStart] {
                let length = index - runStart
                if length >= 5 { runs += length - 2 }
                runStart = index
            }

            func isLight(_ range: Range<Int>) -> Bool {
                range.clamped(to: 0..<count).allSatisfy { !line[$0] }
            }
            for start in 0...(count - 7) where line[start] {
                guard (1..<7).allSatisfy({ line[start + $0] == Self.finderLike[$0] }) else { continue }
                if isLight(start - 4..<start) || isLight(start + 7..<start + 11) { finderLikePatterns += 40 }
            }
        }
    }
}
