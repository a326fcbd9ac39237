import Foundation

/// How search reads text: folded so that "Đăng ký", "dang ky", "ĐĂNG KÝ" and decomposed input are the same words.
public enum SearchText {
    /// Lower-cases, strips tone and vowel marks, maps đ/Đ to d and compatibility forms (full-width letters,
    /// ligatures) to plain letters. Precomposed (NFC) and decomposed (NFD) input fold to the same string.
    ///
    /// It goes further than `VietnameseText.fold`, which makes anchors: it also folds compatibility forms and
    /// Ð/ð (U+00D0/U+00F0), which look like Đ/đ and arrive in text converted from legacy Vietnamese encodings.
    public static func fold(_ text: String) -> String {
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
