import Hummingbird

/// The languages the product speaks, Vietnamese first.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en

    /// Picks the language for a request: `?lang=` first, then the `lang` cookie, then Accept-Language, then Vietnamese.
    static func negotiate(_ request: Request) -> Language {
        if let query = request.uri.queryParameters.get("lang"), let language = Language(rawValue: query.lowercased()) {
            return language
        }
        if let cookie = request.cookies["lang"], let language = Language(rawValue: cookie.value) {
            return language
        }
        if let header = request.headers[.acceptLanguage] {
            return fromAcceptLanguage(header) ?? .vi
        }
        return .vi
    }

    /// The supported language the header prefers most, honouring q-values.
    static func fromAcceptLanguage(_ header: String) -> Language? {
        var best: (language: Language, quality: Double)?
        for (order, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            // Earlier entries win ties, as browsers list them by preference.
            let adjusted = quality - Double(order) * 1e-6
            if quality > 0, adjusted > (best?.quality ?? -1) { best = (language, adjusted) }
        }
        return best?.language
    }
}
