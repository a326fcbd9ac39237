import GRDB

extension AppDatabase {
    /// Append-only: a migration that has landed is never edited; changes come as new migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: learners, credentials, sessions, progress") { db in
            try db.create(table: "learner") { t in
                t.autoIncrementedPrimaryKey("rowid")
                t.column("publicId", .text).notNull().unique()
                t.column("kind", .text).notNull().check { ["official", "citizen"].contains($0) }
                t.column("username", .text).unique(onConflict: .abort)
                t.column("displayName", .text).notNull()
                t.column("unitCode", .text)
                t.column("position", .text)
                t.column("phone", .text)
                t.column("roles", .text).notNull()
                t.column("resumeCodeHash", .text).unique()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(index: "learner_on_unitCode", on: "learner", columns: ["unitCode"])

            try db.create(table: "credential") { t in
                t.primaryKey("learnerId", .integer).references("learner", onDelete: .cascade)
                t.column("passwordHash", .text).notNull()
                t.column("mustChange", .boolean).notNull().defaults(to: false)
                t.column("updatedAt", .datetime).notNull()
            }

            try db.create(table: "session") { t in
                t.primaryKey("tokenHash", .text)
                t.column("learnerId", .integer).notNull().indexed().references("learner", onDelete: .cascade)
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull().indexed()
                t.column("assistedBy", .integer).references("learner", onDelete: .setNull)
            }

            try db.create(table: "lessonProgress") { t in
                t.column("learnerId", .integer).notNull().references("learner", onDelete: .cascade)
                t.column("courseId", .text).notNull()
                t.column("lessonId", .text).notNull()
                t.column("status", .text).notNull().check { ["in_progress", "completed"].contains($0) }
                t.column("furthestStep", .integer).notNull()
                t.column("lastStep", .integer).notNull()
                t.column("secondsSpent", .integer).notNull()
                t.column("firstOpenedAt", .datetime).notNull()
                t.column("lastActivityAt", .datetime).notNull()
                t.column("completedAt", .datetime)
                t.column("contentHash", .text).notNull()
                t.column("courseVersion", .integer).notNull()
                t.primaryKey(["learnerId", "courseId", "lessonId"])
            }
            try db.create(index: "lessonProgress_on_course", on: "lessonProgress", columns: ["courseId", "lessonId"])

            try db.create(table: "progressEvent") { t in
                t.primaryKey("id", .text)
                t.column("learnerId", .integer).notNull().indexed().references("learner", onDelete: .cascade)
                t.column("courseId", .text).notNull()
                t.column("lessonId", .text).notNull()
                t.column("type", .text).notNull()
                t.column("step", .integer)
                t.column("occurredAt", .datetime).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("secondsSpent", .integer)
            }
        }
        migrator.registerMigration("v2: quiz attempts") { db in
            try db.create(table: "attempt") { t in
                t.primaryKey("id", .text)
                t.column("learnerId", .integer).notNull().references("learner", onDelete: .cascade)
                t.column("quizId", .text).notNull()
                t.column("quizContentHash", .text).notNull()
                t.column("status", .text).notNull().check { ["in_progress", "graded", "pending_review"].contains($0) }
                t.column("paper", .jsonText).notNull()
                t.column("responses", .jsonText).notNull()
                t.column("result", .jsonText)
                t.column("score", .double)
                t.column("maximum", .double)
                t.column("percent", .double)
                t.column("passed", .boolean)
                t.column("startedAt", .datetime).notNull()
                t.column("submittedAt", .datetime)
            }
            try db.create(index: "attempt_on_learner_quiz", on: "attempt", columns: ["learnerId", "quizId"])
            try db.create(index: "attempt_on_status", on: "attempt", columns: ["status"])
        }
        migrator.registerMigration("v3: units, assignments, completions, certificates") { db in
            try db.alter(table: "lessonProgress") { t in
                t.add(column: "completedVersion", .integer).notNull().defaults(to: 0)
            }
            try db.execute(sql: "UPDATE lessonProgress SET completedVersion = courseVersion WHERE status = 'completed'")
            try db.create(table: "unit") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("parentCode", .text)
                t.column("mergedInto", .text)
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "assignment") { t in
                t.primaryKey("id", .text)
                t.column("courseId", .text).notNull()
                t.column("unitCode", .text).notNull().indexed()
                t.column("includeSubunits", .boolean).notNull()
                t.column("positions", .jsonText).notNull()
                t.column("dueDate", .text).notNull()
                t.column("createdBy", .integer).references("learner", onDelete: .setNull)
                t.column("createdAt", .datetime).notNull()
                t.column("withdrawnAt", .datetime)
            }
            try db.create(table: "courseCompletion") { t in
                t.column("learnerId", .integer).notNull().references("learner", onDelete: .cascade)
                t.column("courseId", .text).notNull()
                t.column("courseVersion", .integer).notNull()
                t.column("completedAt", .datetime).notNull()
                t.primaryKey(["learnerId", "courseId", "courseVersion"])
            }
            try db.create(index: "courseCompletion_on_course", on: "courseCompletion", columns: ["courseId"])
            try db.create(table: "certificate") { t in
                t.primaryKey("code", .text)
                t.column("learnerId", .integer).notNull().indexed().references("learner", onDelete: .cascade)
                t.column("courseId", .text).notNull()
                t.column("courseVersion", .integer).notNull()
                t.column("courseTitle", .text).notNull()
                t.column("holderName", .text).notNull()
                t.column("issuedAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
                t.column("revokedReason", .text)
                t.uniqueKey(["learnerId", "courseId", "courseVersion"])
            }
        }
        migrator.registerMigration("v4: packed course states per learner") { db in
            try db.alter(table: "learner") { t in t.add(column: "courseStates", .blob) }
            // Covers the report's read: officials of a set of units, in unit and name order, with their states,
            // without a sort and without visiting the table.
            try db.create(index: "learner_for_report", on: "learner", columns: ["kind", "unitCode", "displayName", "position", "courseStates"])
            try CourseStates.rebuildAll(db)
        }
        migrator.registerMigration("v5: assisted learning, last-step answers, learner preferences") { db in
            // The volunteer beside the citizen when an event was recorded (issue 6), and the answer to
            // "Bạn đã làm được chưa?" on a guided lesson's last step.
            try db.alter(table: "progressEvent") { t in
                t.add(column: "assistedBy", .integer).references("learner", onDelete: .setNull)
                t.add(column: "answer", .text)
            }
            try db.create(index: "progressEvent_on_assistedBy", on: "progressEvent", columns: ["assistedBy"])
            try db.alter(table: "lessonProgress") { t in
                // Events of this lesson recorded with a volunteer; the volunteer when it was completed, if one was.
                t.add(column: "assistedEvents", .integer).notNull().defaults(to: 0)
                t.add(column: "completedAssistedBy", .integer).references("learner", onDelete: .setNull)
                // The last answer to the last step: "managed" or "retry".
                t.add(column: "lastAnswer", .text)
            }
            try db.alter(table: "courseCompletion") { t in
                t.add(column: "assistedBy", .integer).references("learner", onDelete: .setNull)
            }
            try db.alter(table: "learner") { t in
                // Text size and contrast, kept for a signed-in learner (`DisplayPreferences.token`).
                t.add(column: "preferences", .text)
                // The volunteer who registered a citizen.
                t.add(column: "registeredBy", .integer).references("learner", onDelete: .setNull)
            }
            try db.create(index: "learner_on_registeredBy", on: "learner", columns: ["registeredBy"])
        }
        migrator.registerMigration("v6: published content hashes") { db in
            // The content last published, per course, lesson and quiz, so `binhdan check` can warn when a course
            // that is assigned to someone changed without a new version (issue 7).
            try db.create(table: "publishedContent") { t in
                t.column("kind", .text).notNull().check { ["course", "lesson", "quiz"].contains($0) }
                t.column("courseId", .text).notNull()
                // The lesson or quiz id; empty for the course itself.
                t.column("itemId", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("courseVersion", .integer)
                t.column("publishedAt", .datetime).notNull()
                t.primaryKey(["kind", "courseId", "itemId"])
            }
        }
        migrator.registerMigration("v7: funnel indexes") { db in
            // "Where learners get stuck" reads one course's events per learner and lesson in time order (in index
            // order, so without a sort), and the submitted attempts of a few quizzes, without scanning everyone's.
            try db.create(
                index: "progressEvent_on_course", on: "progressEvent",
                columns: ["courseId", "learnerId", "lessonId", "occurredAt"])
            try db.create(index: "attempt_on_quiz", on: "attempt", columns: ["quizId", "status"])
        }
        return migrator
    }
}
