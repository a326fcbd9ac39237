import Foundation

/// Shows where a result matched: the original text, with its accents, HTML-escaped, with `<mark>` around every word
/// that begins with a searched word. Matching is done on folded text, one character at a time after NFC, so each
/// folded word maps back to the exact characters the author wrote.
public enum SearchSnippet {
    /// About how many characters an excerpt shows.
    public static let defaultLength = 180
    /// How many characters of context an excerpt keeps before its first match.
    static let leadingContext = 40

    /// The whole text, escaped, with matches marked; for titles.
    public static func highlight(_ text: String, words: [String]) -> String {
        let marked = MarkedText(text, words: words)
        return marked.html(0..<marked.characters.count)
    }

    /// An excerpt of about `length` characters around the place where most searched words are found, escaped, with
    /// matches marked and "…" where the text was cut. Without a match it is the beginning of the text.
    public static func excerpt(_ text: String, words: [String], length: Int = defaultLength) -> String {
        let marked = MarkedText(text, words: words)
        let count = marked.characters.count
        guard count > length else { return marked.html(0..<count) }
        var start = 0
        var bestScore = 0
        for match in marked.matches {
            let candidate = marked.wordStart(
                atOrAfter: max(0, match.range.lowerBound - leadingContext), before: match.range.lowerBound)
            let end = min(count, candidate + length)
            let found = marked.matches.filter { $0.range.lowerBound >= candidate && $0.range.upperBound <= end }
            let score = Set(found.flatMap(\.wordIndices)).count
            if score > bestScore {
                bestScore = score
                start = candidate
            }
        }
        var end = marked.wordEnd(atOrBefore: min(count, start + length), after: start)
        while start < end, marked.characters[start].isWhitespace { start += 1 }
        while end > start, marked.characters[end - 1].isWhitespace { end -= 1 }
        return (start > 0 ? "…" : "") + marked.html(start..<end) + (end < count ? "…" : "")
    }
}

/// A text cut into characters, with the words that match a search.
private struct MarkedText {
    struct Match {
        var range: Range<Int>
        /// Which searched words this text word begins with.
        var wordIndices: [Int]
    }

    let characters: [Character]
    /// Whether each character is part of a word.
    let isWord: [Bool]
    let matches: [Match]

    init(_ text: String, words: [String]) {
        // Composed, so that each letter with its marks is one table entry. Lessons are written composed, and text
        // without a combining diacritical mark (U+0300–U+036F, UTF-8 lead bytes 0xCC and 0xCD) needs no pass.
        let composed =
            text.utf8.contains { $0 == 0xCC || $0 == 0xCD } ? text.precomposedStringWithCanonicalMapping : text
        characters = Array(composed)
        var isWord: [Bool] = []
        var folded: [String] = []
        isWord.reserveCapacity(characters.count)
        folded.reserveCapacity(characters.count)
        for character in characters {
            let letters: String
            if let ascii = character.asciiValue {
                // Most characters of a lesson are ASCII: letters and digits, lowercased, are their own fold.
                switch ascii {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    letters = String(character)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    letters = String(Character(Unicode.Scalar(ascii | 0x20)))
                default:
                    letters = ""
                }
            } else {
                letters = Self.latinLetters[character] ?? Self.letters(of: character)
            }
            isWord.append(!letters.isEmpty)
            folded.append(letters)
        }
        var matches: [Match] = []
        var index = 0
        while index < characters.count {
            guard isWord[index] else {
                index += 1
                continue
            }
            var end = index
            var word = ""
            while end < characters.count, isWord[end] {
                word += folded[end]
                end += 1
            }
            let found = words.indices.filter { !words[$0].isEmpty && word.hasPrefix(words[$0]) }
            if !found.isEmpty { matches.append(Match(range: index..<end, wordIndices: found)) }
            index = end
        }
        self.isWord = isWord
        self.matches = matches
    }

    /// What a character folds to, keeping only word characters: "" for punctuation and spaces.
    static func letters(of character: Character) -> String {
        String(String.UnicodeScalarView(SearchText.fold(String(character)).unicodeScalars.filter(SearchText.isWordScalar)))
    }

    /// `letters(of:)` of every precomposed Latin letter (Vietnamese uses about a hundred of them), worked out once:
    /// folding each character of a lesson anew was most of a search's time in `make bench`.
    static let latinLetters: [Character: String] = {
        var table: [Character: String] = [:]
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let character = Character(scalar)
                table[character] = letters(of: character)
            }
        }
        return table
    }()

    /// The first start of a word at or after `index`, and at most `limit`.
    func wordStart(atOrAfter index: Int, before limit: Int) -> Int {
        var index = index
        while index < limit, !(isWord[index] && (index == 0 || !isWord[index - 1])) { index += 1 }
        return index
    }

    /// `index`, moved back before a word it would cut, but never to `floor` or below.
    func wordEnd(atOrBefore index: Int, after floor: Int) -> Int {
        var end = index
        while end < characters.count, end > floor + 1, isWord[end - 1], isWord[end] { end -= 1 }
        return end > floor + 1 ? end : index
    }

    /// The characters in `range`, escaped, with `<mark>` around the matches inside it.
    func html(_ range: Range<Int>) -> String {
        var result = ""
        var position = range.lowerBound
        for match in matches
        where match.range.lowerBound >= range.lowerBound && match.range.upperBound <= range.upperBound {
            result += escape(position..<match.range.lowerBound)
            result += "<mark>" + escape(match.range) + "</mark>"
            position = match.range.upperBound
        }
        result += escape(position..<range.upperBound)
        return result
    }

    private func escape(_ range: Range<Int>) -> String {
        HTML.escape(String(characters[range]))
    }
}
