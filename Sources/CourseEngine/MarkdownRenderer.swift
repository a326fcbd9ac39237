import CCmark
import Foundation

/// Renders one Markdown body with cmark in safe mode: anchors on headings, callouts, checked links and images,
/// and, for guided lessons, one step per level-2 heading.
struct MarkdownRenderer {
    /// What one render produced.
    struct Output {
        var html: String
        var introHTML: String
        var steps: [Step]
        var headings: [Heading]
        var diagnostics: [Diagnostic]
    }

    let file: String
    /// The file line of the body's first line.
    let bodyStartLine: Int
    let splitsSteps: Bool
    let calloutTitles: CalloutTitles
    let resolver: LinkResolver

    func render(_ markdown: String) -> Output {
        let document = markdown.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }!
        defer { cmark_node_free(document) }
        cmark_consolidate_text_nodes(document)
        var pass = RenderPass(renderer: self, markdown: markdown)
        return pass.run(document)
    }
}

/// The state of one render: nodes collected in a first walk, then rewritten, then rendered.
private struct RenderPass {
    let renderer: MarkdownRenderer
    let markdown: String
    var diagnostics: [Diagnostic] = []
    var headings: [Heading] = []
    var hintByNode: [OpaquePointer: String] = [:]
    var stepHeadingByNode: [OpaquePointer: (title: String, anchor: String, line: Int)] = [:]

    init(renderer: MarkdownRenderer, markdown: String) {
        self.renderer = renderer
        self.markdown = markdown
    }

    mutating func run(_ document: OpaquePointer) -> MarkdownRenderer.Output {
        var headingNodes: [OpaquePointer] = []
        var imageNodes: [OpaquePointer] = []
        var linkNodes: [OpaquePointer] = []
        var quoteNodes: [OpaquePointer] = []

        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator)
            else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headingNodes.append(node)
            case CMARK_NODE_IMAGE: imageNodes.append(node)
            case CMARK_NODE_LINK: linkNodes.append(node)
            case CMARK_NODE_BLOCK_QUOTE: quoteNodes.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                warn("raw HTML is not shown to learners; write it in Markdown instead", at: node)
            default: break
            }
        }

        let anchors = assignAnchors(headingNodes)
        for node in linkNodes { rewriteLink(node, anchors: anchors) }
        for node in imageNodes { rewriteImage(node) }
        for node in quoteNodes { rewriteCallout(node) }
        for (node, anchor) in zip(headingNodes, anchors.ordered) { rewriteHeading(node, anchor: anchor) }
        return assemble(document)
    }

    // MARK: Headings

    private mutating func assignAnchors(
        _ nodes: [OpaquePointer]
    ) -> (ordered: [String], set: Set<String>) {
        var used: Set<String> = []
        var ordered: [String] = []
        for node in nodes {
            let level = Int(cmark_node_get_heading_level(node))
            let text = plainText(of: node).trimmingScalars(in: .whitespaces)
            var base = VietnameseText.slug(text)
            if base.isEmpty { base = "muc" }
            var anchor = base
            var suffix = 2
            while used.contains(anchor) {
                anchor = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(anchor)
            ordered.append(anchor)
            headings.append(Heading(level: level, text: text, anchor: anchor))
            if level == 1 {
                warn("a level-1 heading repeats the page title; start sections with '##'", at: node)
            }
        }
        return (ordered, used)
    }

    /// Replaces a heading with a custom block carrying the same HTML plus an `id`, since cmark writes no anchors.
    private mutating func rewriteHeading(_ node: OpaquePointer, anchor: String) {
        let level = Int(cmark_node_get_heading_level(node))
        let rendered = html(of: node).trimmingScalars(in: .whitespacesAndNewlines)
        let open = "<h\(level)>"
        let close = "</h\(level)>"
        guard rendered.hasPrefix(open), rendered.hasSuffix(close) else { return }
        let inner = rendered.dropFirst(open.count).dropLast(close.count)
        let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(replacement, "<h\(level) id=\"\(anchor)\">\(inner)</h\(level)>")
        cmark_node_set_on_exit(replacement, "")
        let isStep = renderer.splitsSteps && level == 2 && cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT
        if isStep {
            let title = plainText(of: node).trimmingScalars(in: .whitespaces)
            if title.isEmpty { error("a step heading needs a title", at: node) }
            stepHeadingByNode[replacement] = (title, anchor, line(of: node))
        }
        cmark_node_replace(node, replacement)
        cmark_node_free(node)
    }

    // MARK: Links and images

    private mutating func rewriteLink(_ node: OpaquePointer, anchors: (ordered: [String], set: Set<String>)) {
        let destination = String(cString: cmark_node_get_url(node))
        switch renderer.resolver.resolveLink(destination, anchors: anchors.set) {
        case .url(let url): cmark_node_set_url(node, url)
        case .broken(let reason):
            error("broken link: \(reason)", at: node)
            cmark_node_set_url(node, "")
        }
    }

    /// Replaces an image with a custom inline that adds lazy loading, which cmark's own `<img>` lacks.
    private mutating func rewriteImage(_ node: OpaquePointer) {
        let source = String(cString: cmark_node_get_url(node))
        let alt = plainText(of: node).trimmingScalars(in: .whitespaces)
        if alt.isEmpty {
            error("image '\(source)' has no alt text: describe it for people who cannot see it, as ![description](\(source))", at: node)
        }
        let url: String
        switch renderer.resolver.resolveImage(source) {
        case .url(let resolved): url = resolved
        case .broken(let reason):
            error(reason, at: node)
            return
        }
        let title = String(cString: cmark_node_get_title(node))
        var tag = "<img src=\"\(HTML.escape(url))\" alt=\"\(HTML.escape(alt))\""
        if !title.isEmpty { tag += " title=\"\(HTML.escape(title))\"" }
        if let size = renderer.resolver.imageSize(source) { tag += " width=\"\(size.width)\" height=\"\(size.height)\"" }
        tag += " loading=\"lazy\" decoding=\"async\">"
        let replacement = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(replacement, tag)
        cmark_node_set_on_exit(replacement, "")
        cmark_node_replace(node, replacement)
        cmark_node_free(node)
    }

    // MARK: Callouts

    /// Turns `> [!KIND]` quotes into labelled asides; other quotes stay quotes.
    private mutating func rewriteCallout(_ quote: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let marker = cmark_node_first_child(paragraph), cmark_node_get_type(marker) == CMARK_NODE_TEXT
        else { return }
        let literal = String(cString: cmark_node_get_literal(marker))
        guard literal.hasPrefix("[!"), let close = literal.firstIndex(of: "]") else { return }
        let name = literal[literal.index(literal.startIndex, offsetBy: 2)..<close]
        guard let kind = CalloutKind(rawValue: name.lowercased()) else {
            let known = CalloutKind.allCases.map { $0.rawValue.uppercased() }.joined(separator: ", ")
            warn("unknown callout '[!\(name)]'; use one of \(known)", at: quote)
            return
        }
        let rest = literal[literal.index(after: close)...].trimmingCharacters(in: .whitespaces)
        if rest.isEmpty {
            if let next = cmark_node_next(marker),
                [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(next))
            {
                cmark_node_free(next)
            }
            cmark_node_free(marker)
        } else {
            cmark_node_set_literal(marker, rest)
        }
        if cmark_node_first_child(paragraph) == nil { cmark_node_free(paragraph) }
        if cmark_node_first_child(quote) == nil { warn("the callout is empty", at: quote) }

        let title = HTML.escape(renderer.calloutTitles.title(for: kind))
        let aside = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(
            aside,
            "<aside class=\"callout callout-\(kind.rawValue)\" role=\"note\" aria-label=\"\(title)\">\n"
                + "<p class=\"callout-title\">\(title)</p>\n"
        )
        cmark_node_set_on_exit(aside, "</aside>\n")
        while let child = cmark_node_first_child(quote) {
            cmark_node_unlink(child)
            cmark_node_append_child(aside, child)
        }
        if kind == .tip {
            var hint = ""
            var child = cmark_node_first_child(aside)
            while let current = child {
                hint += html(of: current)
                child = cmark_node_next(current)
            }
            hintByNode[aside] = hint
        }
        cmark_node_replace(quote, aside)
        cmark_node_free(quote)
    }

    // MARK: Assembly

    private mutating func assemble(_ document: OpaquePointer) -> MarkdownRenderer.Output {
        var whole = ""
        var intro = ""
        var steps: [Step] = []
        var current: (title: String, anchor: String, line: Int, html: String, hint: String?)?

        func finish(_ step: (title: String, anchor: String, line: Int, html: String, hint: String?)?, into pass: inout RenderPass) {
            guard let step else { return }
            if step.html.unicodeScalars.allSatisfy(CharacterSet.whitespacesAndNewlines.contains) {
                pass.diagnostics.append(.error("step '\(step.title)' is empty: write what the learner does on this screen", file: pass.renderer.file, line: step.line))
            }
            steps.append(Step(number: steps.count + 1, title: step.title, anchor: step.anchor, html: step.html, hintHTML: step.hint))
        }

        var child = cmark_node_first_child(document)
        while let node = child {
            child = cmark_node_next(node)
            let fragment = html(of: node)
            whole += fragment
            if let heading = stepHeadingByNode[node] {
                finish(current, into: &self)
                current = (heading.title, heading.anchor, heading.line, "", nil)
            } else if current != nil {
                // A step's first tip is its hint, shown on request ("Tôi cần giúp đỡ") rather than in the step.
                if current!.hint == nil, let hint = hintByNode[node] {
                    current!.hint = hint
                } else {
                    current!.html += fragment
                }
            } else {
                intro += fragment
            }
        }
        finish(current, into: &self)

        if renderer.splitsSteps && steps.isEmpty {
            diagnostics.append(
                .error("a guided lesson needs steps: start each step with a level-2 heading ('## ...')", file: renderer.file, line: renderer.bodyStartLine)
            )
        }
        return MarkdownRenderer.Output(
            html: whole, introHTML: renderer.splitsSteps ? intro : whole, steps: steps, headings: headings,
            diagnostics: diagnostics)
    }

    // MARK: Helpers

    private func html(of node: OpaquePointer) -> String {
        guard let pointer = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The text a node shows, without markup: for heading anchors and image alt text.
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator)
            else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += String(cString: cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    /// The file line of a node; inline nodes without a position of their own take their block's.
    /// Reads only cmark's line: computing a column means re-splitting the Markdown, so only diagnostics do that.
    private func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line + renderer.bodyStartLine - 1 }
            current = cmark_node_parent(candidate)
        }
        return renderer.bodyStartLine
    }

    private func position(of node: OpaquePointer) -> (line: Int, column: Int) {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 {
                let byteColumn = Int(cmark_node_get_start_column(candidate))
                let column = markdown.characterColumn(line: line, byteColumn: byteColumn)
                return (line + renderer.bodyStartLine - 1, column)
            }
            current = cmark_node_parent(candidate)
        }
        return (renderer.bodyStartLine, 1)
    }

    private mutating func error(_ message: String, at node: OpaquePointer) {
        let (line, column) = position(of: node)
        diagnostics.append(.error(message, file: renderer.file, line: line, column: column))
    }

    private mutating func warn(_ message: String, at node: OpaquePointer) {
        let (line, column) = position(of: node)
        diagnostics.append(.warning(message, file: renderer.file, line: line, column: column))
    }
}

/// HTML escaping for text placed in attributes and elements.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension String {
    /// `trimmingCharacters(in:)` without the trip through NSString: the same result, since the sets trimmed here
    /// hold only scalars of the Basic Multilingual Plane, which NSString's UTF-16 trimming sees one unit each.
    fileprivate func trimmingScalars(in set: CharacterSet) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }),
            let last = scalars.lastIndex(where: { !set.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
