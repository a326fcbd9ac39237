/// One lesson made ready to render again and again, for micro-benchmarks: its front matter read once, its links and
/// images resolved against its course's files exactly as `CatalogueBuilder.build(_:)` resolves them.
public struct LessonRendering {
    /// The lesson's kind from its front matter; guided lessons are split into steps.
    public let kind: LessonKind
    private let body: String
    private let renderer: MarkdownRenderer

    /// Nil when the lesson's file name, text or front matter cannot be read.
    public init?(lesson: SourceFile, of course: CourseSource, builder: CatalogueBuilder = CatalogueBuilder()) {
        guard case .success(let text) = TextDecoding.decodeUTF8(lesson.contents),
            case (let frontMatter?, _) = FrontMatter.parse(text, file: lesson.path)
        else { return nil }
        let (values, _) = FrontMatterSchema.lesson.validate(frontMatter, file: lesson.path)
        var lessonIDs: [String: String] = [:]
        for file in course.lessonFiles {
            if let (_, id) = CatalogueBuilder.lessonName(file.name) { lessonIDs[file.name] = id }
        }
        let resolver = LinkResolver(
            courseID: course.id,
            courses: [course.id: LinkResolver.CourseFiles(lessonIDsByFileName: lessonIDs, assets: course.assets)],
            urls: builder.urls)
        kind = LessonKind(rawValue: values.texts["kind"] ?? "") ?? .reading
        body = frontMatter.body
        renderer = MarkdownRenderer(
            file: lesson.path, bodyStartLine: frontMatter.bodyStartLine, splitsSteps: kind == .guided,
            calloutTitles: builder.calloutTitles["vi"] ?? .vietnamese, resolver: resolver)
    }

    /// Renders the body with cmark as the builder does: the HTML, the steps of a guided lesson, and any problem.
    public func render() -> (html: String, steps: [Step], diagnostics: [Diagnostic]) {
        let output = renderer.render(body)
        return (output.html, output.steps, output.diagnostics)
    }
}
