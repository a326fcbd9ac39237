import Foundation
import Testing

@testable import CourseEngine

/// The fast, per-scalar folds must give exactly what the reference folds (decompose the whole text, drop marks,
/// lower-case) give, since search and anchors depend on it.
@Suite("Folding: the fast path matches the reference")
struct FoldingEquivalenceTests {
    /// Letters, marks and symbols that lesson text and typed queries contain, in NFC and NFD, plus look-alikes and
    /// scalars that the fast path must hand back to the reference.
    static let alphabet: [String] = {
        var pieces = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-_()[]\"'/&<>\n\t")
            .map(String.init)
        let vietnamese = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
        for letter in vietnamese + vietnamese.uppercased() {
            pieces.append(String(letter))
            pieces.append(String(letter).decomposedStringWithCanonicalMapping)
        }
        pieces += ["\u{0300}", "\u{0301}", "\u{0302}", "\u{0303}", "\u{0306}", "\u{0309}", "\u{031B}", "\u{0323}"]
        pieces += ["Ð", "ð", "İ", "ß", "ﬁ", "ｄ", "Ｄ", "–", "—", "…", "“", "”", "€", "½", "²", "Σ", "ς", "한", "👍🏽", "\u{00A0}"]
        // Combining classes other than 0 on scalars that are not marks, and marks with unusual classes.
        pieces += ["\u{0345}", "\u{0F71}\u{0F72}", "\u{05B0}", "\u{3099}", "か\u{3099}", "\u{1DFA}", "\u{0F39}"]
        return pieces
    }()

    @Test("random Vietnamese text folds alike, in both forms, for search and for anchors")
    func randomText() {
        // Given a fixed seed, so a failure can be reproduced
        var generator = SplitMix64(seed: 0x5EED_F01D)
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] }
                .joined()
            // When folded both ways, Then the results are identical
            for form in [text, text.precomposedStringWithCanonicalMapping, text.decomposedStringWithCanonicalMapping] {
                #expect(SearchText.fold(form) == SearchText.referenceFold(form), "\(Array(form.unicodeScalars))")
                #expect(VietnameseText.fold(form) == VietnameseText.referenceFold(form), "\(Array(form.unicodeScalars))")
            }
        }
    }

    @Test("every scalar of the Basic Multilingual Plane folds alike, alone and before a combining mark")
    func everyScalar() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), String(scalar) + "\u{0301}", "\u{0323}" + String(scalar)] {
                if SearchText.fold(text) != SearchText.referenceFold(text) {
                    Issue.record("SearchText U+\(String(value, radix: 16))")
                }
                if VietnameseText.fold(text) != VietnameseText.referenceFold(text) {
                    Issue.record("VietnameseText U+\(String(value, radix: 16))")
                }
            }
        }
    }

    @Test("the sample lessons fold alike")
    func sampleLessons() throws {
        // Given every Markdown file of the sample catalogue
        let courses = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Courses")
        let paths = (FileManager.default.subpaths(atPath: courses.path) ?? []).filter { $0.hasSuffix(".md") }
        #expect(paths.count > 10)
        for path in paths {
            let text = try String(contentsOf: courses.appendingPathComponent(path), encoding: .utf8)
            // Then both folds match the reference, whole and in NFD
            for form in [text, text.decomposedStringWithCanonicalMapping] {
                #expect(SearchText.fold(form) == SearchText.referenceFold(form), "\(path)")
                #expect(VietnameseText.fold(form) == VietnameseText.referenceFold(form), "\(path)")
            }
        }
    }
}
