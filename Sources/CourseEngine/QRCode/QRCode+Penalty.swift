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
            // Buffer pointers spare a retain and release per module read, which dominate unoptimised builds.
            modules.withUnsafeBufferPointer { grid in
                var line = [Bool](repeating: false, count: size)
                line.withUnsafeMutableBufferPointer { line in
                    for index in 0..<size {
                        for offset in 0..<size { line[offset] = grid[index * size + offset] }
                        score(line: UnsafeBufferPointer(line))
                        for offset in 0..<size { line[offset] = grid[offset * size + index] }
                        score(line: UnsafeBufferPointer(line))
                    }
                }

                for y in 0..<size - 1 {
                    for x in 0..<size - 1 {
                        let colour = grid[y * size + x]
                        if grid[y * size + x + 1] == colour && grid[(y + 1) * size + x] == colour
                            && grid[(y + 1) * size + x + 1] == colour
                        {
                            blocks += 3
                        }
                    }
                }

                let dark = grid.count { $0 }
                let total = size * size
                // |dark / total - 50 %| in whole 5 % steps, kept in integers.
                balance = 10 * (abs(20 * dark - 10 * total) / total)
            }
        }

        init(runs: Int, blocks: Int, finderLikePatterns: Int, balance: Int) {
            self.runs = runs
            self.blocks = blocks
            self.finderLikePatterns = finderLikePatterns
            self.balance = balance
        }

        /// Adds one row's or column's runs and finder-like patterns.
        private mutating func score(line: UnsafeBufferPointer<Bool>) {
            let count = line.count
            var runStart = 0
            for index in 1...count where index == count || line[index] != line[runStart] {
                let length = index - runStart
                if length >= 5 { runs += length - 2 }
                runStart = index
            }

            for start in 0...(count - 7)
            where line[start] && !line[start + 1] && line[start + 2] && line[start + 3] && line[start + 4]
                && !line[start + 5] && line[start + 6]
            {
                if Self.isLight(line, start - 4..<start) || Self.isLight(line, start + 7..<start + 11) {
                    finderLikePatterns += 40
                }
            }
        }

        /// Whether the modules in `range` are all light, those beyond the line's ends lying in the quiet zone.
        private static func isLight(_ line: UnsafeBufferPointer<Bool>, _ range: Range<Int>) -> Bool {
            for index in max(range.lowerBound, 0)..<min(range.upperBound, line.count) where line[index] {
                return false
            }
            return true
        }
    }
}
