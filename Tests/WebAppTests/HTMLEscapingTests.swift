import Foundation
import Testing

@testable import WebApp

@Suite("Escaping template values")
struct HTMLEscapingTests {
    @Test("the five HTML characters are escaped as swift-mustache escapes them; other text is kept as it is", arguments: [
        ("Đăng nhập VNeID", "Đăng nhập VNeID"),
        ("<script>alert('x') & \"y\"</script>", "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"),
        ("Bước 1 > Bước 2", "Bước 1 &gt; Bước 2"),
        ("", ""),
        ("Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ & đ", "Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ &amp; đ"),
    ])
    func escapes(text: String, expected: String) {
        // Given a template value, when it is escaped, then only the five characters change
        #expect(HTMLEscaping.escape(text) == expected)
    }

    @Test("every page template selects the escaping on its first line")
    func templatesSelectIt() throws {
        // Given the page templates
        let directory = TestPaths.staticFiles + "/templates"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 20)

        // When each is read, then it starts by choosing the content type, so no value is left to the slow escaper
        for name in names {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            #expect(text.hasPrefix("{{% CONTENT_TYPE: \(HTMLEscaping.name)}}"), "\(name)")
        }
    }
}
