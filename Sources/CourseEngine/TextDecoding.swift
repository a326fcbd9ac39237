import Foundation

/// Turning file bytes into text, with the position of the first bad byte when they are not UTF-8.
enum TextDecoding {
    /// Where decoding stopped.
    struct InvalidUTF8: Error, Equatable {
        let line: Int
        let column: Int
    }

    /// Decodes UTF-8, dropping a leading byte-order mark and normalising CRLF and CR line endings to LF.
    static func decodeUTF8(_ bytes: [UInt8]) -> Result<String, InvalidUTF8> {
        // Valid files, the usual case, are checked in one pass; only a bad file is walked to find the bad byte.
        if var text = String(validating: bytes, as: UTF8.self) {
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            // A byte scan: `String.contains` with Foundation goes through NSString, a third of a lesson's parse.
            if bytes.contains(0x0D) {
                text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            }
            return .success(text)
        }
        var line = 1
        var column = 1
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                return .failure(InvalidUTF8(line: line, column: column))
            case .emptyInput:
                return .success(String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}

extension String {
    /// The 1-based character column of a 1-based UTF-8 byte column on one line of this text.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        var currentLine = 1
        for lineText in split(separator: "\n", omittingEmptySubsequences: false) {
            if currentLine == line {
                let prefix = lineText.utf8.prefix(max(byteColumn - 1, 0))
                return String(decoding: prefix, as: UTF8.self).count + 1
            }
            currentLine += 1
        }
        return byteColumn
    }
}

/// Finds the closest known word, to suggest a fix for a typo such as `titel`.
enum Suggestion {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let allowed = max(1, min(3, best.0.count / 3))
        return best.1 <= allowed ? best.0 : nil
    }

    /// Levenshtein distance counting adjacent transpositions as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
