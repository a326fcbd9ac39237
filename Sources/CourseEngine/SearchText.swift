import Foundation

/// How search reads text: folded so that "Đăng ký", "dang ky", "ĐĂNG KÝ" and decomposed input are the same words.
public enum SearchText {
    /// Lower-cases, strips tone and vowel marks, maps đ/Đ to d and compatibility forms (full-width letters,
    /// ligatures) to plain letters. Precomposed (NFC) and decomposed (NFD) input fold to the same string.
    ///
    /// It goes further than `VietnameseText.fold`, which makes anchors: it also folds compatibility forms and
    /// Ð/ð (U+00D0/U+00F0), which look like Đ/đ and arrive in text converted from legacy Vietnamese encodings.
    ///
    /// Folding is per scalar (an ASCII fast path and a table for Latin letters); `referenceFold` is the definition
    /// and is used for the rare text a scalar of which cannot be folded on its own.
    public static func fold(_ text: String) -> String {
        fastFold.fold(text) ?? referenceFold(text)
    }

    private static let fastFold = ScalarFoldTable { scalar in
        let expansion = String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
        guard !expansion.contains(where: ScalarFoldTable.reorders) else { return nil }
        let folded = referenceFold(String(scalar))
        guard !folded.unicodeScalars.contains(where: ScalarFoldTable.reorders) else { return nil }
        return Array(folded.utf8)
    }

    /// The fold as defined: compatibility decomposition of the whole text, marks dropped, đ and look-alikes to d,
    /// lower-case mapping.
    static func referenceFold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars where !isMark(scalar) {
            switch scalar {
            // Đ/đ have no decomposition, so they are folded by hand, with their look-alikes.
            case "\u{0110}", "\u{0111}", "\u{00D0}", "\u{00F0}":
                result.append("d")
            default:
                // A lower-case mapping may bring a mark back (İ → i + U+0307); it is dropped too.
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars where !isMark(lowered) {
                    result.append(lowered)
                }
            }
        }
        return String(result)
    }

    /// The folded words of a text, in order: runs of letters and digits, as SQLite's unicode61 tokenizer cuts them.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Whether a folded scalar belongs to a word: letters, digits and private-use characters, as in unicode61.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
