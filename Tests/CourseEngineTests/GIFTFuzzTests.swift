import Foundation
import Testing

@testable import CourseEngine

/// Random GIFT-like inputs: metacharacters, letters, Vietnamese, line breaks, and mutations of real files.
struct GIFTInputGenerator {
    var random: SplitMix64

    private static let fragments: [String] = [
        "{", "}", "~", "=", "#", "####", ":", "::", "%", "%50%", "%-100%", "%33.3%", "%", "-", "->", "\\", "\\{",
        "\\}", "\\~", "\\=", "\\#", "\\:", "\\n", "\\\\", "/", "//", "$", "$CATEGORY:", "[", "]", "[html]",
        "[markdown]", "[plain]", "[moodle]", "[id:", "[tag:", "T", "TRUE", "F", "FALSE", "..", "1..5", "3:0.5", "*",
        " ", " ", "\t", "\n", "\n", "\n\n", "0", "12", "-3", "1e3", ".5", "a", "Grant", "Câu", "hỏi", "đúng", "ữ", "Ế",
        "nghiệp vụ", "e\u{0301}", "\u{FEFF}", "\r\n", "<b>", "</b>", "&amp;", "\u{0}", "😀",
    ]

    /// A string of random pieces of GIFT syntax and text.
    mutating func randomText(maxPieces: Int = 60) -> String {
        let pieces = Int.random(in: 0...maxPieces, using: &random)
        var text = ""
        for _ in 0..<pieces {
            text += Self.fragments.randomElement(using: &random)!
        }
        return text
    }

    /// A real file with a few random edits: inserted syntax, deleted or swapped spans, duplicated lines.
    mutating func mutate(_ source: String) -> String {
        var scalars = Array(source.unicodeScalars)
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            let position = scalars.isEmpty ? 0 : Int.random(in: 0...scalars.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                scalars.insert(contentsOf: randomText(maxPieces: 4).unicodeScalars, at: position)
            case 1:
                let end = min(scalars.count, position + Int.random(in: 1...20, using: &random))
                scalars.removeSubrange(position..<end)
            case 2:
                let end = min(scalars.count, position + Int.random(in: 1...80, using: &random))
                let copy = scalars[position..<end]
                let target = scalars.isEmpty ? 0 : Int.random(in: 0...scalars.count, using: &random)
                scalars.insert(contentsOf: copy, at: target)
            default:
                if position < scalars.count {
                    scalars[position] =
                        String(Self.fragments.randomElement(using: &random)!).unicodeScalars.first ?? "{"
                }
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Bytes with a few random bytes changed, which may no longer be UTF-8.
    mutating func corrupt(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return [0xFF] }
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        }
        return bytes
    }
}

@Suite("GIFT parser under random input")
struct GIFTFuzzTests {
    /// The lines of the text as the parser numbers them, to check diagnostics point inside the file.
    private func lineLengths(_ bytes: [UInt8]) -> [Int]? {
        guard case .success(let text) = TextDecoding.decodeUTF8(bytes) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.unicodeScalars.count }
    }

    private func check(_ bytes: [UInt8], input: Int) {
        // When the input is read twice
        let first = GIFTParser.parse(bytes, file: "fuzz.gift")
        let second = GIFTParser.parse(bytes, file: "fuzz.gift")
        // Then the result is the same both times
        #expect(first.questions == second.questions, "input \(input)")
        #expect(first.diagnostics == second.diagnostics, "input \(input)")
        // And every diagnostic points at a place in the file and says something
        let lengths = lineLengths(bytes)
        for diagnostic in first.diagnostics {
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "input \(input): \(diagnostic.formatted)")
            #expect(!diagnostic.message.isEmpty, "input \(input)")
            #expect(diagnostic.file == "fuzz.gift")
            if let lengths {
                #expect(diagnostic.line <= lengths.count, "input \(input): \(diagnostic.formatted)")
                if diagnostic.line <= lengths.count {
                    #expect(
                        diagnostic.column <= lengths[diagnostic.line - 1] + 1, "input \(input): \(diagnostic.formatted)"
                    )
                }
            }
        }
        // And the questions keep the rules of their types
        for question in first.questions {
            #expect(question.line >= 1 && question.line <= (lengths?.count ?? Int.max), "input \(input)")
            switch question.type {
            case .multichoice:
                #expect(question.answers.count >= 2 && question.single != nil, "input \(input)")
            case .matching:
                #expect(question.pairs.count >= 2, "input \(input)")
            case .numerical:
                #expect(!question.answers.isEmpty, "input \(input)")
                #expect(
                    question.answers.allSatisfy { $0.text.text == "*" || PHPNumber.value(of: $0.text.text) != nil },
                    "input \(input)")
            case .truefalse:
                #expect(question.correct != nil, "input \(input)")
            case .shortanswer:
                #expect(
                    !question.answers.isEmpty && question.answers.allSatisfy { !$0.text.text.isEmpty }, "input \(input)"
                )
            case .essay, .description:
                #expect(question.answers.isEmpty && question.pairs.isEmpty, "input \(input)")
            }
            #expect(question.answers.allSatisfy { (-1...1).contains($0.fraction) }, "input \(input)")
        }
    }

    @Test("3,000 random and mutated inputs never crash, and diagnostics always point into the file")
    func randomInputs() throws {
        // Given a seeded generator and Moodle's conformance files to mutate
        var generator = GIFTInputGenerator(random: SplitMix64(seed: 0x6269_6E68_6461_6E21))
        let sources = try MoodleConformance.files.map {
            String(decoding: try MoodleConformance.bytes($0), as: UTF8.self)
        }
        for input in 0..<3_000 {
            let bytes: [UInt8]
            switch input % 4 {
            case 0, 1:
                bytes = Array(generator.randomText().utf8)
            case 2:
                bytes = Array(generator.mutate(sources[input / 4 % sources.count]).utf8)
            default:
                bytes = generator.corrupt(Array(generator.mutate(sources[input / 4 % sources.count]).utf8))
            }
            check(bytes, input: input)
        }
    }

    @Test("deeply nested and stray braces, lone backslashes and empty blocks are reported, not crashed on")
    func hostileShapes() {
        let inputs = [
            String(repeating: "{", count: 10_000), String(repeating: "}", count: 10_000),
            String(repeating: "{}", count: 5_000), String(repeating: "\\", count: 10_001), "\\", "{", "}", "{}", "::",
            "::::", "::a::", "{#}", "{~}", "{=}", "{%}", "{~%}", "{~%-%}", "{#..}", "{#:}", "{#1:}", "{=->}",
            "$CATEGORY:", "[", "[html", "////", "####", "{####}", "{#~}", "\u{0}{T}",
            String(repeating: "~%", count: 5_000),
        ]
        for (number, input) in inputs.enumerated() {
            check(Array(input.utf8), input: number)
        }
    }
}
