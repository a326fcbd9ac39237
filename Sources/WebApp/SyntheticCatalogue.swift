import CourseEngine
import Foundation

/// A generated catalogue of any size, for start-up benchmarks: courses of reading and guided lessons in Vietnamese
/// with callouts, lists, links and images, and a quiz per course, all valid. The same count always gives the
/// same files.
public enum SyntheticCatalogue {
    /// One generated file, by path relative to the output folder (`Courses/...` or `Assessments/...`).
    public struct File: Sendable, Hashable {
        public var path: String
        public var contents: String
    }

    /// What was generated.
    public struct Summary: Sendable, Hashable {
        public var courses: Int
        public var lessons: Int
        public var quizzes: Int
        public var files: Int
    }

    /// Lessons in each course but the last, which takes what is left.
    public static let lessonsPerCourse = 20

    /// Every file of a catalogue with this many lessons: `Courses/<course>/...` and `Assessments/<quiz>.gift|.yml`.
    public static func files(lessons: Int) -> [File] {
        let courseCount = (max(lessons, 0) + lessonsPerCourse - 1) / lessonsPerCourse
        var files: [File] = []
        for course in 0..<courseCount {
            let count = min(lessonsPerCourse, lessons - course * lessonsPerCourse)
            files += courseFiles(number: course + 1, lessons: count)
        }
        return files
    }

    /// Writes the files of `files(lessons:)` below `directory`, creating folders, and says what it wrote.
    @discardableResult
    public static func write(lessons: Int, to directory: String) throws -> Summary {
        let files = files(lessons: lessons)
        let base = URL(fileURLWithPath: directory)
        for file in files {
            let url = base.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        let courses = files.filter { $0.path.hasSuffix("/course.md") }.count
        let quizzes = files.filter { $0.path.hasSuffix(".gift") }.count
        return Summary(courses: courses, lessons: max(lessons, 0), quizzes: quizzes, files: files.count)
    }

    // MARK: Courses

    static func courseID(_ number: Int) -> String {
        let topic = topics[(number - 1) % topics.count]
        return String(format: "%02d-", number) + VietnameseText.slug(topic.title)
    }

    private static func courseFiles(number: Int, lessons: Int) -> [File] {
        let id = courseID(number)
        let topic = topics[(number - 1) % topics.count]
        let quizID = "\(id)-kiem-tra"
        let part = (number - 1) / topics.count + 1
        let title = part == 1 ? topic.title : "\(topic.title) (phần \(part))"
        var random = SplitMix64(seed: UInt64(number) &* 0x9E37_79B9_7F4A_7C15)
        let lessonNames = (0..<max(lessons, 0)).map { lessonFileName(course: number, lesson: $0 + 1) }

        var files: [File] = []
        let course = """
            ---
            title: \(title)
            summary: \(topic.summary)
            audience: \(number % 3 == 0 ? "officials" : number % 3 == 1 ? "citizens" : "everyone")
            version: 1
            estimated_minutes: \(lessons * 12)
            final_quiz: \(quizID)
            language: vi
            tags: [\(topic.tags)]
            ---
            \(paragraph(&random, sentences: 3, topic: topic))

            ## Học xong, bạn sẽ

            \(list(&random, items: 4, topic: topic))

            > [!NOTE]
            > \(sentence(&random, topic: topic))

            """
        files.append(File(path: "Courses/\(id)/course.md", contents: course))
        for image in 1...3 {
            files.append(File(path: "Courses/\(id)/images/hinh-\(image).svg", contents: svg(title: "\(topic.title) \(image)")))
        }
        for (index, name) in lessonNames.enumerated() {
            let position = index + 1
            let guided = position % 3 == 2
            let lessonTitle = "\(lessonTitles[(number + index) % lessonTitles.count]) \(position)"
            var body = "---\ntitle: \(lessonTitle)\nkind: \(guided ? "guided" : "reading")\nestimated_minutes: \(8 + position % 7)\n---\n"
            body += paragraph(&random, sentences: 3, topic: topic) + "\n\n"
            if guided {
                body += guidedBody(&random, topic: topic, images: 3)
            } else {
                body += readingBody(&random, topic: topic, imageIndex: position % 3 + 1)
            }
            if position > 1 {
                body += "\nÔn lại [bài trước](\(lessonNames[index - 1])) nếu cần.\n"
            }
            if position < lessonNames.count {
                body += "\nTiếp theo: [\(lessonTitles[(number + index + 1) % lessonTitles.count].lowercased())](\(lessonNames[index + 1])).\n"
            }
            files.append(File(path: "Courses/\(id)/\(name)", contents: body))
        }
        files.append(File(path: "Assessments/\(quizID).gift", contents: quiz(&random, topic: topic)))
        files.append(
            File(
                path: "Assessments/\(quizID).yml",
                contents: "title: Kiểm tra – \(title)\npass_percent: 70\nshuffle_answers: true\nquestions: 8\n"))
        return files
    }

    private static func lessonFileName(course: Int, lesson: Int) -> String {
        String(format: "%02d-", lesson) + VietnameseText.slug(lessonTitles[(course + lesson - 1) % lessonTitles.count])
            + "-\(lesson)" + ".md"
    }

    private static func readingBody(_ random: inout SplitMix64, topic: Topic, imageIndex: Int) -> String {
        var body = ""
        for section in 0..<4 {
            body += "## \(sectionTitles[(section + Int(random.next() % 5)) % sectionTitles.count]) \(section + 1)\n\n"
            body += paragraph(&random, sentences: 4, topic: topic) + "\n\n"
            switch section {
            case 0:
                body += list(&random, items: 4, topic: topic) + "\n\n"
            case 1:
                body += "![\(sentence(&random, topic: topic).dropLast())](images/hinh-\(imageIndex).svg)\n\n"
                body += "> [!WARNING]\n> \(sentence(&random, topic: topic))\n\n"
            case 2:
                body += numbered(&random, items: 3, topic: topic) + "\n\n"
            default:
                body += "> [!IMPORTANT]\n> \(sentence(&random, topic: topic)) \(sentence(&random, topic: topic))\n\n"
            }
        }
        return body
    }

    private static func guidedBody(_ random: inout SplitMix64, topic: Topic, images: Int) -> String {
        var body = ""
        for step in 1...6 {
            body += "## \(stepTitles[(step + Int(random.next() % 7)) % stepTitles.count]) (bước \(step))\n\n"
            body += paragraph(&random, sentences: 2, topic: topic) + "\n\n"
            if step % 2 == 1 {
                body += "![\(sentence(&random, topic: topic).dropLast())](images/hinh-\((step / 2) % images + 1).svg)\n\n"
            }
            if step % 2 == 0 { body += numbered(&random, items: 3, topic: topic) + "\n\n" }
            body += "> [!TIP]\n> \(sentence(&random, topic: topic))\n\n"
        }
        return body
    }

    // MARK: Quizzes

    private static func quiz(_ random: inout SplitMix64, topic: Topic) -> String {
        var gift = "// Bài kiểm tra cuối khóa \"\(topic.title)\", tạo tự động cho đo hiệu năng.\n\n"
        for number in 1...10 {
            let stem = sentence(&random, topic: topic).dropLast()
            let name = "::Câu \(number)::"
            switch number % 5 {
            case 0:
                gift += "\(name)\(stem). Điều này đúng hay sai?{TRUE#Chưa đúng, hãy đọc lại bài.#Đúng.}\n\n"
            case 1:
                gift += "\(name)Theo bài học, việc nào nên làm?{\n"
                gift += "\t=\(stem)#Đúng.\n\t~Đọc mã OTP cho người lạ qua điện thoại#Không nên.\n"
                gift += "\t~Bấm vào đường link lạ gửi qua tin nhắn#Không nên.\n}\n\n"
            case 2:
                gift += "\(name)Số định danh cá nhân gồm bao nhiêu chữ số?{#12:0#Đúng.}\n\n"
            case 3:
                gift += "\(name)Mã gửi qua tin nhắn, chỉ dùng một lần, gọi là mã gì?{\n\t=OTP#Đúng.\n\t=mã OTP#Đúng.\n}\n\n"
            default:
                gift += "\(name)Nối mỗi việc với nơi làm việc đó.{\n"
                gift += "\t=Cài ứng dụng -> Kho ứng dụng chính thức\n\t=Nộp hồ sơ -> Cổng Dịch vụ công\n"
                gift += "\t=Hỏi khi cần giúp -> Bộ phận một cửa\n}\n\n"
            }
        }
        return gift
    }

    // MARK: Text

    private static func sentence(_ random: inout SplitMix64, topic: Topic) -> String {
        let template = sentences[Int(random.next() % UInt64(sentences.count))]
        return template.replacingOccurrences(of: "{X}", with: topic.subject)
    }

    private static func paragraph(_ random: inout SplitMix64, sentences count: Int, topic: Topic) -> String {
        (0..<count).map { _ in sentence(&random, topic: topic) }.joined(separator: " ")
    }

    private static func list(_ random: inout SplitMix64, items: Int, topic: Topic) -> String {
        (0..<items).map { _ in "- " + sentence(&random, topic: topic) }.joined(separator: "\n")
    }

    private static func numbered(_ random: inout SplitMix64, items: Int, topic: Topic) -> String {
        (0..<items).map { "\($0 + 1). " + sentence(&random, topic: topic) }.joined(separator: "\n")
    }

    private static func svg(title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="360" height="640" viewBox="0 0 360 640" role="img">
        <title>\(title)</title>
        <rect width="360" height="640" fill="#eef1f4"/>
        <rect x="20" y="12" width="320" height="616" rx="30" fill="#fff" stroke="#263238" stroke-width="4"/>
        </svg>

        """
    }

    struct Topic {
        var title: String
        var summary: String
        var subject: String
        var tags: String
    }

    static let topics: [Topic] = [
        Topic(title: "Làm quen với VNeID", summary: "Cài đặt, kích hoạt và dùng ứng dụng định danh điện tử an toàn.", subject: "ứng dụng VNeID", tags: "vneid, định danh điện tử"),
        Topic(title: "Nộp hồ sơ trên Cổng Dịch vụ công", summary: "Tìm thủ tục, điền tờ khai, nộp hồ sơ và theo dõi kết quả trực tuyến.", subject: "Cổng Dịch vụ công", tags: "dịch vụ công, hồ sơ"),
        Topic(title: "Một cửa điện tử cấp xã", summary: "Tiếp nhận, số hóa và trả kết quả hồ sơ trên hệ thống một cửa điện tử.", subject: "hệ thống một cửa điện tử", tags: "một cửa, thủ tục hành chính"),
        Topic(title: "Chữ ký số cho cán bộ", summary: "Ký số văn bản, kiểm tra chữ ký và giữ an toàn thiết bị ký số.", subject: "chữ ký số", tags: "chữ ký số, văn bản điện tử"),
        Topic(title: "Nhận biết lừa đảo trực tuyến", summary: "Nhận ra các chiêu lừa phổ biến và biết phải làm gì khi nghi mình bị lừa.", subject: "cuộc gọi lạ", tags: "lừa đảo, an toàn"),
        Topic(title: "Thanh toán không dùng tiền mặt", summary: "Trả phí, lệ phí và hóa đơn bằng ứng dụng ngân hàng một cách an toàn.", subject: "ứng dụng ngân hàng", tags: "thanh toán, ngân hàng"),
        Topic(title: "Sổ sức khỏe điện tử", summary: "Xem lịch sử khám chữa bệnh và giấy tờ y tế trên điện thoại.", subject: "sổ sức khỏe điện tử", tags: "y tế, sức khỏe"),
        Topic(title: "Bảo hiểm xã hội số", summary: "Tra cứu quá trình đóng và nhận các chế độ bảo hiểm trên VssID.", subject: "ứng dụng VssID", tags: "bảo hiểm xã hội, VssID"),
        Topic(title: "Thư điện tử công vụ", summary: "Gửi, nhận và lưu thư công vụ đúng quy định, tránh thư giả mạo.", subject: "hộp thư công vụ", tags: "thư điện tử, công vụ"),
        Topic(title: "Kỹ năng số cho tổ công nghệ cộng đồng", summary: "Hướng dẫn bà con dùng dịch vụ số kiên nhẫn, đúng và an toàn.", subject: "tổ công nghệ số cộng đồng", tags: "kỹ năng số, cộng đồng"),
    ]

    static let lessonTitles = [
        "Giới thiệu chung", "Chuẩn bị trước khi bắt đầu", "Đăng nhập lần đầu", "Tìm đúng thủ tục", "Điền tờ khai",
        "Đính kèm giấy tờ", "Theo dõi hồ sơ", "Nhận kết quả", "Giữ an toàn tài khoản", "Khi gặp sự cố",
        "Hỏi đáp thường gặp", "Ôn tập và thực hành",
    ]

    static let sectionTitles = ["Điều cần biết", "Vì sao quan trọng", "Cách làm đúng", "Những lỗi hay gặp", "Ví dụ thực tế"]

    static let stepTitles = [
        "Mở ứng dụng", "Chọn mục cần dùng", "Nhập thông tin", "Kiểm tra lại", "Xác nhận bằng mã OTP", "Lưu kết quả",
        "Hoàn tất",
    ]

    static let sentences = [
        "Trước khi bắt đầu, hãy chắc chắn điện thoại của bạn đã kết nối Internet và còn đủ pin.",
        "Khi dùng {X}, chỉ nhập thông tin của chính mình và không chia sẻ mật khẩu cho bất kỳ ai.",
        "Nếu màn hình của bạn hơi khác hình minh họa, hãy tìm nút có ý nghĩa tương tự.",
        "Cán bộ không bao giờ gọi điện hỏi mã OTP, mật khẩu hay passcode của bạn.",
        "Bạn có thể nhờ con cháu, đoàn viên thanh niên hoặc tổ công nghệ số cộng đồng ngồi cạnh lần đầu.",
        "Mỗi lần thao tác trên {X}, hãy đọc kỹ thông báo hiện ra trước khi bấm tiếp.",
        "Ghi lại mã hồ sơ và ngày hẹn trả kết quả vào sổ tay để tra cứu khi cần.",
        "Thủ tục hành chính cấp xã nay phần lớn được tiếp nhận và xử lý trên môi trường điện tử.",
        "Khi thấy họ tên của bạn ở góc trên màn hình, bạn đã đăng nhập thành công vào {X}.",
        "Hãy cập nhật {X} lên phiên bản mới nhất để dùng được đầy đủ tiện ích.",
        "Giấy tờ đã được số hóa thì người dân không phải nộp lại bản giấy ở lần sau.",
        "Nếu quên mật khẩu, hãy dùng chức năng lấy lại mật khẩu thay vì nhờ người lạ làm giúp.",
        "Đường link lạ gửi qua tin nhắn, Zalo hay Facebook có thể dẫn tới trang giả mạo để lấy cắp thông tin.",
        "Cán bộ một cửa cần ghi rõ, đầy đủ trong một lần những gì người dân phải bổ sung.",
        "Với người cao tuổi, hãy nói chậm, viết to các thông tin quan trọng và hỏi lại xem họ đã hiểu chưa.",
        "Số định danh cá nhân gồm 12 chữ số, in trên thẻ căn cước của bạn.",
        "Phí và lệ phí có thể nộp trực tuyến bằng ứng dụng ngân hàng hoặc ví điện tử được chấp nhận.",
        "Sau khi nộp, {X} gửi thông báo qua tin nhắn hoặc thư điện tử mỗi khi hồ sơ đổi trạng thái.",
        "Đừng để người khác cầm điện thoại của bạn khi đang mở {X}.",
        "Khi nghi mình bị lừa, hãy gọi ngay cho ngân hàng để khóa tài khoản và báo cho công an xã.",
    ]
}
