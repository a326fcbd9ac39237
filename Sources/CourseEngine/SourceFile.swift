/// The raw bytes of one content file and the path to show in diagnostics.
public struct SourceFile: Sendable {
    /// Display path, relative to where the author works (for example `Courses/vneid-co-ban/course.md`).
    public var path: String
    /// The file name alone (for example `01-cai-dat.md`).
    public var name: String
    public var contents: [UInt8]

    public init(path: String, name: String, contents: [UInt8]) {
        self.path = path
        self.name = name
        self.contents = contents
    }
}

/// Everything the engine needs to know about one course folder, read by the caller from wherever it lives.
public struct CourseSource: Sendable {
    /// The folder name, which is the course id.
    public var id: String
    /// Display path of the folder (for example `Courses/vneid-co-ban`).
    public var directory: String
    /// `course.md`, or nil when the folder has none.
    public var courseFile: SourceFile?
    /// Every other Markdown file of the folder (lessons, by their `NN-lesson-id.md` names).
    public var lessonFiles: [SourceFile]
    /// Other files of the folder, by path relative to it (`images/dang-nhap.svg`), with what is known of them.
    public var assets: [String: AssetInfo]

    public init(
        id: String, directory: String, courseFile: SourceFile?, lessonFiles: [SourceFile],
        assets: [String: AssetInfo] = [:]
    ) {
        self.id = id
        self.directory = directory
        self.courseFile = courseFile
        self.lessonFiles = lessonFiles
        self.assets = assets
    }
}

/// What the engine knows about a file that lives beside the lessons.
public struct AssetInfo: Sendable, Hashable {
    /// Intrinsic size of an image, when it could be read from the file.
    public var size: ImageSize?

    public init(size: ImageSize? = nil) {
        self.size = size
    }
}

/// The whole content tree: every course folder and the quiz ids that exist in `Assessments/`.
public struct CatalogueSource: Sendable {
    public var courses: [CourseSource]
    /// The quiz files of `Assessments/`.
    public var quizzes: [QuizSource]
    /// Quiz ids that exist (file names in `Assessments/` without `.gift`), including those of `quizzes`.
    public var quizIDs: Set<String>
    /// Display path of the assessments folder, for messages.
    public var assessmentsDirectory: String

    public init(
        courses: [CourseSource], quizzes: [QuizSource] = [], quizIDs: Set<String> = [],
        assessmentsDirectory: String = "Assessments"
    ) {
        self.courses = courses
        self.quizzes = quizzes
        self.quizIDs = quizIDs.union(quizzes.map(\.id))
        self.assessmentsDirectory = assessmentsDirectory
    }
}
