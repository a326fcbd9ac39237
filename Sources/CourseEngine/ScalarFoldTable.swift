import Foundation

/// A per-scalar fold with an ASCII fast path and a table for Latin letters (Vietnamese among them), for folds that
/// decompose, drop marks and map each scalar on its own. Such a fold of a text is the concatenation of the folds of
/// its scalars, as long as canonical reordering moves nothing it keeps: every kept scalar of every expansion has
/// combining class 0. Scalars for which that does not hold make `fold` answer nil, and the caller folds the whole
/// text the slow way.
struct ScalarFoldTable: Sendable {
    /// How one scalar folds, in UTF-8; nil when the scalar must not be folded on its own.
    typealias ScalarFold = @Sendable (Unicode.Scalar) -> [UInt8]?

    private let table: [[UInt8]?]
    private let tableRange: ClosedRange<UInt32>
    private let foldScalar: ScalarFold

    /// Scalars from U+0080 to the end of Latin Extended Additional (U+1EFF): Latin-1, Latin Extended-A/B, the
    /// combining marks and the precomposed Vietnamese letters.
    init(range: ClosedRange<UInt32> = 0x80...0x1EFF, foldScalar: @escaping ScalarFold) {
        self.tableRange = range
        self.foldScalar = foldScalar
        var table: [[UInt8]?] = []
        table.reserveCapacity(range.count)
        for value in range {
            table.append(Unicode.Scalar(value).flatMap(foldScalar))
        }
        self.table = table
    }

    /// The folded text, or nil when a scalar of it cannot be folded on its own.
    func fold(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(truncatingIfNeeded: value)
                bytes.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
            } else if tableRange.contains(value) {
                guard let folded = table[Int(value - tableRange.lowerBound)] else { return nil }
                bytes.append(contentsOf: folded)
            } else {
                guard let folded = foldScalar(scalar) else { return nil }
                bytes.append(contentsOf: folded)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a scalar is a combining mark, which the folds drop.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether canonical reordering could move a scalar that a fold keeps.
    static func reorders(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.canonicalCombiningClass != .notReordered && !isMark(scalar)
    }
}
