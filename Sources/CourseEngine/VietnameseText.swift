import Foundation

/// Text folding for Vietnamese: what makes "Đăng ký" and "dang ky" the same for anchors and search.
public enum VietnameseText {
    /// Lower-cases, strips tone and vowel marks, and maps đ/Đ to d, so the result is plain ASCII for Vietnamese.
    ///
    /// Folding is per scalar (an ASCII fast path and a table for Latin letters); `referenceFold` is the definition
    /// and is used for the rare text a scalar of which cannot be folded on its own.
    public static func fold(_ text: String) -> String {
        fastFold.fold(text) ?? referenceFold(text)
    }

    private static let fastFold = ScalarFoldTable { scalar in
        let expansion = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard !expansion.contains(where: ScalarFoldTable.reorders) else { return nil }
        let folded = referenceFold(String(scalar))
        guard !folded.unicodeScalars.contains(where: ScalarFoldTable.reorders) else { return nil }
        return Array(folded.utf8)
    }

    /// The fold as defined: canonical decomposition of the whole text, marks dropped, đ/Đ to d, lower-case mapping.
    static func referenceFold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            switch scalar {
            case "\u{0110}", "\u{0111}":  // Đ and đ have no decomposition, so fold them by hand
                result.append("d")
            default:
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars { result.append(lowered) }
            }
        }
        return String(result)
    }

    /// A URL fragment made of ASCII letters, digits and hyphens, e.g. "Bước 1: Tải ứng dụng" → "buoc-1-tai-ung-dung".
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in fold(text).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }
}
