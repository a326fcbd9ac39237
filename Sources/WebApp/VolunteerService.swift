import CourseEngine
import Foundation
import Storage

/// Volunteers who sit beside citizens: registering them, the citizens they help, assisted sessions on the
/// volunteer's device, and the share of completions made with help. Shared by the API and the pages.
struct VolunteerService: Sendable {
    let accounts: AccountService
    let content: ContentStore
    var database: AppDatabase { accounts.database }

    /// Only learners with the `volunteer` role register citizens and keep a list of them.
    static func requireVolunteer(_ identity: Identity) throws {
        // A device already helping someone acts as the citizen, who is no volunteer; said outright all the same.
        guard identity.learner.has(.volunteer), identity.assistedBy == nil else { throw AccessError.forbidden }
    }

    /// Registers a citizen in the volunteer's unit; the resume code is returned once, to show or print.
    func register(name: String, phone: String?, by identity: Identity, now: Date = Date()) throws -> (
        Learner, ResumeCode
    ) {
        try Self.requireVolunteer(identity)
        let (name, phone) = try CitizenForm.validate(name: name, phone: phone)
        return try accounts.registerCitizen(name: name, phone: phone, by: identity.learner, now: now)
    }

    /// The citizens this volunteer registered or helped, with their progress.
    func citizens(of identity: Identity) throws -> [HelpedCitizen] {
        try Self.requireVolunteer(identity)
        return try database.helpedCitizens(volunteerID: identity.learner.id)
    }

    /// A session for the citizen with the volunteer beside them. Only the volunteer who registered or helped this
    /// citizen may start one, or an admin; only for citizens, and never from a session that is itself assisted.
    func startAssisting(citizenID: String, by identity: Identity) throws -> AccountService.NewSession {
        let helper = identity.learner
        guard identity.assistedBy == nil, helper.has(.volunteer) || helper.has(.admin) else {
            throw AccessError.forbidden
        }
        guard let citizen = try database.learner(id: citizenID) else { throw StorageError.learnerNotFound(citizenID) }
        guard citizen.kind == .citizen else { throw AccessError.forbidden }
        if !helper.has(.admin) {
            guard try database.isLinked(volunteerID: helper.id, citizenID: citizen.id) else {
                throw AccessError.forbidden
            }
        }
        return try accounts.startAssistedSession(for: citizen, by: helper)
    }

    /// Trainers read the share for every unit; supervisors for their own units and those below; admins anywhere.
    static func requireShareReader(_ learner: Learner, over unitCode: String, tree: UnitTree) throws {
        if learner.has(.trainer) { return }
        try OfficialsAPIController.requireScope(learner, over: unitCode, tree: tree)
    }

    /// How many lesson and course completions by the learners of a unit (and, unless told otherwise, the units
    /// below it) were made with a volunteer, per course and per unit. Checked in the order of the unit report: the
    /// role (403), the unit (404), the scope (403).
    func assistedShare(unitCode: String, includeSubunits: Bool, for learner: Learner, now: Date = Date()) throws
        -> AssistedShare
    {
        guard learner.has(.trainer) || learner.has(.supervisor) || learner.has(.admin) else {
            throw AccessError.forbidden
        }
        let tree = UnitTree(try database.units())
        guard let unit = tree.units[unitCode] else { throw StorageError.unitNotFound(unitCode) }
        try Self.requireShareReader(learner, over: unitCode, tree: tree)
        let effective = tree.effectiveCode(unitCode)
        let scope =
            includeSubunits
            ? tree.subtree(effective) : Set(tree.units.keys.filter { tree.effectiveCode($0) == effective })
        return AssistedShare(
            unitCode: unitCode, unitName: unit.name, includeSubunits: includeSubunits,
            generatedOn: DueDate.day(of: now),
            counts: try database.assistedCompletions(unitCodes: scope), tree: tree, catalogue: content.current.catalogue
        )
    }
}

/// The share of completions made with a volunteer beside the learner, per course and per unit: the page and the
/// JSON are made from this one value.
struct AssistedShare: Codable, Equatable, Sendable {
    struct Totals: Codable, Equatable, Sendable {
        var lessonCompletions = 0
        var assistedLessonCompletions = 0
        /// Assisted lesson completions in percent of all, to one decimal; 0 when there is none.
        var lessonShare: Double = 0
        var courseCompletions = 0
        var assistedCourseCompletions = 0
        var courseShare: Double = 0

        mutating func add(_ count: AssistedCompletionCount) {
            lessonCompletions += count.lessonCompletions
            assistedLessonCompletions += count.assistedLessonCompletions
            courseCompletions += count.courseCompletions
            assistedCourseCompletions += count.assistedCourseCompletions
            lessonShare = Self.percent(assistedLessonCompletions, of: lessonCompletions)
            courseShare = Self.percent(assistedCourseCompletions, of: courseCompletions)
        }

        static func percent(_ part: Int, of whole: Int) -> Double {
            whole == 0 ? 0 : (Double(part) / Double(whole) * 1000).rounded() / 10
        }
    }

    struct CourseShare: Codable, Equatable, Sendable {
        var courseId: String
        var title: String
        var totals: Totals
    }

    struct UnitShare: Codable, Equatable, Sendable {
        var unitCode: String
        var unitName: String
        var totals: Totals
    }

    var unitCode: String
    var unitName: String
    var includeSubunits: Bool
    var generatedOn: String
    /// Every published course, by id.
    var courses: [CourseShare]
    /// Units (after merges) whose learners completed anything, by code.
    var units: [UnitShare]
    var totals: Totals

    /// Sums the counts per published course and per unit after merges; completions of content no longer published
    /// are left out.
    init(
        unitCode: String, unitName: String, includeSubunits: Bool, generatedOn: String,
        counts: [AssistedCompletionCount],
        tree: UnitTree, catalogue: Catalogue
    ) {
        self.unitCode = unitCode
        self.unitName = unitName
        self.includeSubunits = includeSubunits
        self.generatedOn = generatedOn
        let published = catalogue.courses.sorted { $0.id < $1.id }
        var byCourse: [String: Totals] = [:]
        var byUnit: [String: Totals] = [:]
        var totals = Totals()
        for count in counts where catalogue.course(id: count.courseID) != nil {
            byCourse[count.courseID, default: Totals()].add(count)
            byUnit[tree.effectiveCode(count.unitCode), default: Totals()].add(count)
            totals.add(count)
        }
        courses = published.map { CourseShare(courseId: $0.id, title: $0.title, totals: byCourse[$0.id] ?? Totals()) }
        units = byUnit.keys.sorted().map {
            UnitShare(unitCode: $0, unitName: tree.units[$0]?.name ?? $0, totals: byUnit[$0]!)
        }
        self.totals = totals
    }
}
