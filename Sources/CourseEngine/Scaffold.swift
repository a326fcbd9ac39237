/// The files `binhdan new` writes: a course, a lesson or a quiz to start from, which pass the checks as they are.
///
/// Pure: every function returns file contents by relative path and never touches the disk. Course and lesson paths
/// are relative to the courses folder (`vneid-co-ban/course.md`), quiz paths to the assessments folder.
public enum Scaffold {
    /// The id of the first lesson of a new course.
    public static let firstLessonID = "gioi-thieu"

    /// The quiz id a new course suggests for its final test: `<course-id>-kiem-tra`, as in the samples.
    public static func suggestedQuizID(forCourse courseID: String) -> String {
        "\(courseID)-kiem-tra"
    }

    // MARK: Checking what the author typed

    /// Throws unless `id` is a slug; `kind` names what the id is for in the message.
    public static func validate(id: String, kind: ScaffoldError.IDKind) throws(ScaffoldError) {
        guard Slug.isValid(id) else { throw .invalidID(kind: kind, id: id) }
    }

    /// Throws unless `title` fits on one line and is not blank.
    public static func validate(title: String) throws(ScaffoldError) {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200,
            !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw .invalidTitle(title) }
    }

    // MARK: Numbering

    /// The number for a lesson added after `fileNames` (a course folder's entries): one past the highest `NN-`.
    public static func nextLessonNumber(after fileNames: [String]) -> Int {
        (fileNames.compactMap { CatalogueBuilder.lessonName($0)?.0 }.max() ?? 0) + 1
    }

    /// `02-dang-nhap.md`: the number on at least two digits, then the id.
    public static func lessonFileName(number: Int, lessonID: String) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 2 - digits.count)) + digits + "-\(lessonID).md"
    }

    /// The lesson ids of a course folder's entries (`01-gioi-thieu.md` → `gioi-thieu`).
    public static func lessonIDs(in fileNames: [String]) -> Set<String> {
        Set(fileNames.compactMap { CatalogueBuilder.lessonName($0)?.1 })
    }

    // MARK: Templates

    /// `course.md` with every front matter key and a first reading lesson.
    public static func course(id: String, title: String? = nil, audience: Audience = .everyone) -> [String: String] {
        let title = title ?? "Khóa học mới"
        let quizID = suggestedQuizID(forCourse: id)
        let values: [String: (value: String, comment: String)] = [
            "title": (yamlScalar(title), "Tên khóa học (course title)"),
            "summary": (
                "Một hai câu nói khóa học giúp ai làm được việc gì.",
                "Tóm tắt, hiện trong danh mục (one or two sentences for the catalogue)"
            ),
            "audience": (
                audience.rawValue,
                "Đối tượng: officials (cán bộ), citizens (người dân) hoặc everyone (mọi người) (who the course is for)"
            ),
            "version": ("1", "Phiên bản: tăng lên khi sửa nội dung đáng kể (raise it on significant changes)"),
            "estimated_minutes": (
                "10", "Thời gian học cả khóa, tính bằng phút (estimated minutes for the whole course)"
            ),
            "language": ("vi", "Mã ngôn ngữ của khóa học: vi hoặc en (language code)"),
            "tags": ("[]", "Từ khóa để tìm kiếm, ví dụ [vneid, an toàn số] (search keywords)"),
            "final_quiz": (
                quizID,
                "Bài kiểm tra cuối khóa: tạo bằng 'binhdan new quiz \(quizID)' rồi bỏ dấu # ở đầu dòng (final quiz)"
            ),
            "refresh_required": (
                "false",
                "Đặt true cùng lúc tăng version khi quy trình thay đổi: ai đã học bản cũ phải học lại (learners must redo it)"
            ),
            "draft": (
                "false", "Đặt true để chỉ giảng viên và quản trị viên thấy khóa học (draft: trainers and admins only)"
            ),
        ]
        let body = """
            Viết vài câu giới thiệu: khóa học dành cho ai và vì sao nên học. Gọi người học là "bạn", "bà con" hoặc "anh chị".

            ## Học xong, bạn sẽ

            - Làm được việc thứ nhất.
            - Làm được việc thứ hai.

            ## Cần chuẩn bị

            - Một điện thoại thông minh có kết nối Internet.

            """
        return [
            "\(id)/course.md": frontMatter(.course, values: values, optional: ["final_quiz"]) + body,
            "\(id)/" + lessonFileName(number: 1, lessonID: firstLessonID):
                readingLesson(title: "Giới thiệu"),
        ]
    }

    /// A lesson numbered `number`; a guided one has three steps, a placeholder picture in `images/` and a tip.
    public static func lesson(
        courseID: String, lessonID: String, number: Int, guided: Bool = false, title: String? = nil
    ) -> [String: String] {
        let path = "\(courseID)/" + lessonFileName(number: number, lessonID: lessonID)
        let title = title ?? "Bài \(number)"
        guard guided else { return [path: readingLesson(title: title)] }
        let image = guidedImagePath(lessonID: lessonID)
        return [path: guidedLesson(title: title, image: image), "\(courseID)/\(image)": placeholderSVG]
    }

    /// The placeholder picture of a guided lesson, relative to its course folder.
    public static func guidedImagePath(lessonID: String) -> String {
        "images/\(lessonID).svg"
    }

    /// A GIFT bank with one question of each common type, and its settings.
    public static func quiz(id: String, title: String? = nil) -> [String: String] {
        ["\(id).gift": giftBank, "\(id).yml": quizSettings(title: title ?? "Bài kiểm tra mới")]
    }

    // MARK: Lessons

    private static func lessonFrontMatter(title: String, kind: LessonKind, minutes: Int) -> String {
        let values: [String: (value: String, comment: String)] = [
            "title": (yamlScalar(title), "Tên bài (lesson title)"),
            "kind": (
                kind.rawValue,
                "reading (bài đọc) hoặc guided (hướng dẫn từng bước, mỗi tiêu đề ## là một bước) (lesson kind)"
            ),
            "estimated_minutes": (String(minutes), "Thời gian học, tính bằng phút (estimated minutes)"),
            "quiz": (
                "ma-bai-kiem-tra",
                "Bài kiểm tra sau bài này: sửa mã rồi bỏ dấu # ở đầu dòng (quiz after this lesson)"
            ),
            "draft": (
                "false", "Đặt true để chỉ giảng viên và quản trị viên thấy bài này (draft: trainers and admins only)"
            ),
        ]
        return frontMatter(.lesson, values: values, optional: ["quiz"])
    }

    private static func readingLesson(title: String) -> String {
        lessonFrontMatter(title: title, kind: .reading, minutes: 5) + """
            Viết lời dẫn ngắn: học xong bài này, bạn làm được việc gì.

            ## Ý chính thứ nhất

            Giải thích bằng câu ngắn, tiếng Việt có dấu đầy đủ. Mô tả nút theo ý nghĩa, ví dụ "nút có chữ **Gửi** hoặc tương tự".

            ## Ý chính thứ hai

            - Một việc nên làm.
            - Một việc không nên làm.

            > [!TIP]
            > Một lời khuyên ngắn giúp người học tránh sai sót thường gặp.

            """
    }

    private static func guidedLesson(title: String, image: String) -> String {
        lessonFrontMatter(title: title, kind: .guided, minutes: 5) + """
            Lời dẫn ngắn: bài này hướng dẫn bạn làm việc gì và cần chuẩn bị gì. Mỗi tiêu đề ## bên dưới là một bước, gọn trong một màn hình điện thoại.

            ## Mở ứng dụng

            Một đến ba câu ngắn: người học mở gì, chạm vào đâu.

            ## Chọn chức năng

            1. Chạm vào nút có chữ **Tên nút** hoặc tương tự.
            2. Chờ màn hình mới hiện ra.

            ![Khung hình minh họa tạm thời, cần thay bằng hình màn hình điện thoại của bước này](\(image))

            ## Kiểm tra kết quả

            Mô tả điều người học thấy khi đã làm xong.

            > [!TIP]
            > Một lời khuyên ngắn cho bước này, ví dụ cách làm khi không thấy nút.

            """
    }

    /// A phone-shaped frame with its size, like the sample pictures, saying it is to be replaced.
    static let placeholderSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" width="360" height="640" viewBox="0 0 360 640" font-family="sans-serif" role="img">
        <title>Hình minh họa tạm thời</title>
        <rect width="360" height="640" fill="#eef1f4"/>
        <rect x="20" y="12" width="320" height="616" rx="30" fill="#fff" stroke="#263238" stroke-width="4"/>
        <rect x="140" y="24" width="80" height="8" rx="4" fill="#263238"/>
        <rect x="48" y="200" width="264" height="200" rx="12" fill="none" stroke="#5f6368" stroke-width="3" stroke-dasharray="10 8"/>
        <text x="180" y="290" font-size="22" font-weight="bold" fill="#1b1b1b" text-anchor="middle">Hình minh họa</text>
        <text x="180" y="322" font-size="16" fill="#37474f" text-anchor="middle">Thay bằng hình của bước này</text>
        </svg>

        """

    // MARK: Quizzes

    private static func quizSettings(title: String) -> String {
        let lines: [(line: String, comment: String)] = [
            ("title: \(yamlScalar(title))", "Tên bài kiểm tra hiện cho người học (title shown to learners)"),
            ("pass_percent: 80", "Điểm phần trăm tối thiểu để đạt, từ 1 đến 100 (percentage needed to pass)"),
            ("# max_attempts: 3", "Số lần làm tối đa; để nguyên dấu # là không giới hạn (maximum attempts; unlimited)"),
            ("# questions: 5", "Rút ngẫu nhiên bấy nhiêu câu mỗi lần; để nguyên dấu # là dùng tất cả (draw this many)"),
            ("shuffle_answers: true", "Đảo thứ tự đáp án (shuffle the answers)"),
            ("one_question_per_page: true", "Mỗi trang một câu, nên bật cho người dân dùng điện thoại (one per page)"),
        ]
        let header = """
            # Cài đặt bài kiểm tra (quiz settings). Xem Assessments/README.md.
            # Bài cho cán bộ: bỏ dấu # trước max_attempts. Bài cho người dân: không giới hạn số lần làm.

            """
        return header + aligned(lines)
    }

    static let giftBank = """
        // Ngân hàng câu hỏi mẫu do 'binhdan new quiz' tạo: mỗi loại câu hỏi một ví dụ, về chủ đề giữ tài khoản an toàn.
        // Sửa các câu cho đúng với nội dung bài học, xóa những loại không dùng. Mỗi câu cách nhau một dòng trống.
        // Hướng dẫn đầy đủ: Assessments/README.md. Xem máy chủ đọc ra sao: binhdan quiz inspect <tệp này>

        // Chọn một đáp án đúng: = là đáp án đúng, ~ là đáp án sai, # mở đầu lời phản hồi.
        ::Câu 1 - Người lạ xin mã OTP::Có người gọi điện xưng là nhân viên ngân hàng và xin mã OTP vừa gửi đến máy bạn. Bạn nên làm gì?{
        	=Không đọc mã, tắt máy và gọi lại số chính thức của ngân hàng#Đúng. Không ai có quyền xin mã OTP của bạn.
        	~Đọc mã cho họ vì họ biết tên của bạn#Chưa đúng. Kẻ gian có thể biết tên bạn từ nhiều nguồn.
        	~Gửi mã qua tin nhắn thay vì đọc#Chưa đúng. Gửi hay đọc thì mã cũng bị lộ.
        }

        // Chọn nhiều đáp án: trọng số %...% của các đáp án đúng cộng lại thành 100, đáp án sai mang trọng số âm.
        ::Câu 2 - Giữ tài khoản an toàn::Những việc nào giúp giữ tài khoản an toàn? (Chọn hai ý){
        	~%50%Đặt mật khẩu riêng cho từng tài khoản#Đúng.
        	~%50%Không cho người khác biết mật khẩu#Đúng.
        	~%-100%Viết mật khẩu lên mặt sau điện thoại#Chưa đúng. Ai cầm máy cũng đọc được.
        }

        // Đúng/Sai: lời phản hồi thứ nhất hiện khi trả lời sai, lời thứ hai khi trả lời đúng.
        ::Câu 3 - Mật khẩu là ngày sinh::Dùng ngày sinh của mình làm mật khẩu là đủ an toàn.{FALSE#Chưa đúng. Ngày sinh rất dễ đoán.#Đúng. Ngày sinh rất dễ đoán, nên chọn dãy khác.}

        // Trả lời ngắn: liệt kê mọi cách trả lời được chấp nhận, mỗi cách bắt đầu bằng =.
        ::Câu 4 - Mã dùng một lần::Dãy số gửi qua tin nhắn, chỉ dùng một lần để xác nhận, thường gọi là mã gì?{
        	=OTP#Đúng.
        	=mã OTP#Đúng.
        	####Đó là mã OTP. Không bao giờ đọc mã OTP cho người khác.
        }

        // Số: đáp án bắt đầu bằng #; viết số\\:sai số hoặc nhỏ nhất..lớn nhất để chấp nhận một khoảng.
        ::Câu 5 - Đếm ký tự::Mật khẩu Lan@2468 gồm bao nhiêu ký tự?{#8#Đúng.####Gồm 3 chữ cái, 1 ký hiệu @ và 4 chữ số, tất cả là 8 ký tự.}

        // Ghép đôi: mỗi cặp viết =vế trái -> vế phải, cần ít nhất ba cặp.
        ::Câu 6 - Ba thứ để đăng nhập::Nối mỗi thứ với việc dùng của nó.{
        	=Tên đăng nhập -> Cho biết tài khoản là của ai
        	=Mật khẩu -> Chứng minh đúng là bạn đăng nhập
        	=Mã OTP -> Xác nhận một lần, gửi qua tin nhắn
        	####Mật khẩu và mã OTP chỉ mình bạn được biết.
        }

        // Tự luận: để ngoặc trống, giảng viên chấm sau. Chỉ nên dùng cho cán bộ; xóa câu này nếu bài dành cho người dân.
        ::Câu 7 - Khi lộ mật khẩu::Hãy viết hai đến ba câu: bạn sẽ làm gì khi nghi mật khẩu của mình đã bị lộ?{
        	####Gợi ý chấm. Đổi mật khẩu ngay, đăng xuất khỏi các máy lạ, báo cho người hỗ trợ nếu thấy việc lạ trong tài khoản.
        }

        """

    // MARK: Front matter

    /// The front matter for `schema`, every key in the schema's order with a comment; `optional` keys and keys
    /// without a value here are written commented out, so the file stays valid until the author fills them in.
    private static func frontMatter(
        _ schema: FrontMatterSchema, values: [String: (value: String, comment: String)], optional: Set<String>
    ) -> String {
        let lines = schema.fields.map { field -> (line: String, comment: String) in
            guard let entry = values[field.key] else {
                return ("# \(field.key):", "Xem Courses/README.md (see Courses/README.md)")
            }
            let line = "\(field.key): \(entry.value)"
            return (optional.contains(field.key) ? "# " + line : line, entry.comment)
        }
        return "---\n" + aligned(lines) + "---\n"
    }

    /// `key: value  # comment` lines with the comments in one column.
    private static func aligned(_ lines: [(line: String, comment: String)]) -> String {
        let width = lines.map(\.line.count).max() ?? 0
        return lines.map {
            $0.line + String(repeating: " ", count: width - $0.line.count + 2) + "# " + $0.comment + "\n"
        }
        .joined()
    }

    /// `text` as a YAML value: plain when it cannot be misread, else double-quoted.
    static func yamlScalar(_ text: String) -> String {
        let special: Set<Character> = [
            "[", "]", "{", "}", "#", "*", "&", "!", ">", "|", "'", "\"", "%", "@", "`", "-", "?", ":", ",",
        ]
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~"]
        let plain =
            !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(":")
            && !(text.first.map(special.contains) ?? true) && text == text.trimmingCharacters(in: .whitespaces)
            && !reserved.contains(text.lowercased()) && Double(text) == nil
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}

/// Why `binhdan new` refused to write anything.
public enum ScaffoldError: Error, Equatable, CustomStringConvertible {
    /// What an id names, for messages.
    public enum IDKind: String, Sendable {
        case course
        case lesson
        case quiz
    }

    case invalidID(kind: IDKind, id: String)
    case invalidTitle(String)
    /// The file or folder is already there; nothing was written.
    case alreadyExists(path: String)
    /// `new lesson` for a course folder that does not exist (or has no course.md).
    case unknownCourse(id: String, coursesPath: String)
    /// The course already has a lesson with this id.
    case lessonExists(id: String, file: String)

    public var description: String {
        switch self {
        case .invalidID(let kind, let id):
            "'\(id)' is not a valid \(kind.rawValue) id: use lowercase letters a-z without tone marks, digits and single "
                + "hyphens, not starting or ending with a hyphen, at most 100 characters (for example 'vneid-co-ban')"
        case .invalidTitle(let title):
            "'\(title)' is not a usable title: write one line of 1 to 200 characters"
        case .alreadyExists(let path):
            "\(path) already exists; nothing was written (choose another id, or edit the existing file)"
        case .unknownCourse(let id, let coursesPath):
            "no course '\(id)' in \(coursesPath): expected \(coursesPath)/\(id)/course.md (create it with 'binhdan new course \(id)')"
        case .lessonExists(let id, let file):
            "the course already has a lesson '\(id)' (\(file)); nothing was written"
        }
    }
}
