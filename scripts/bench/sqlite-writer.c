/*
 * The write path's limit for `make bench` (issue 8): the statements binhdan runs to store progress, issued by one
 * thread straight through SQLite's C API with the server's durability settings (WAL, synchronous=FULL, foreign
 * keys on), on a database binhdan created (so the same schema and indexes). No HTTP, JSON, validation or Swift.
 *
 * Each "request" is what `AppDatabase.storeProgress` does for a batch of EVENTS events on one lesson: find the
 * learner's rowid, insert each event (INSERT OR IGNORE, unique id), read the lesson's summary, write it back
 * (insert the first time, update afterwards) and read the learner's packed course states. A transaction holds
 * REQUESTS requests, as the server's group commit does under load; every commit is a durable sync.
 *
 *   cc -O2 -o sqlite-writer scripts/bench/sqlite-writer.c -lsqlite3
 *   ./sqlite-writer DATABASE LEARNER_PUBLIC_ID SECONDS EVENTS REQUESTS
 *
 * Prints one line: "<events per second> events/s (<transactions> transactions of <requests> x <events>)".
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static sqlite3 *db;

static void check(int status, const char *what) {
    if (status != SQLITE_OK && status != SQLITE_DONE && status != SQLITE_ROW) {
        fprintf(stderr, "sqlite-writer: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *statement = NULL;
    check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL), sql);
    return statement;
}

static void run(sqlite3_stmt *statement, const char *what) {
    int status = sqlite3_step(statement);
    check(status, what);
    sqlite3_reset(statement);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s DATABASE LEARNER_PUBLIC_ID SECONDS EVENTS REQUESTS\n", argv[0]);
        return 2;
    }
    const char *learner = argv[2];
    double seconds = atof(argv[3]);
    int events = atoi(argv[4]), requests = atoi(argv[5]);
    check(sqlite3_open(argv[1], &db), "open");
    sqlite3_busy_timeout(db, 10000);
    check(sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                       NULL, NULL, NULL), "pragmas");

    sqlite3_stmt *begin = prepare("BEGIN IMMEDIATE");
    sqlite3_stmt *commit = prepare("COMMIT");
    sqlite3_stmt *rowid = prepare("SELECT rowid FROM learner WHERE publicId = ?");
    sqlite3_stmt *insert_event = prepare(
        "INSERT OR IGNORE INTO progressEvent (id, learnerId, courseId, lessonId, type, step, occurredAt, receivedAt, "
        "secondsSpent, answer, assistedBy) VALUES (?, ?, 'vneid-co-ban', 'vneid-la-gi', 'opened', NULL, ?, ?, NULL, "
        "NULL, NULL)");
    sqlite3_stmt *read_summary = prepare(
        "SELECT * FROM lessonProgress WHERE learnerId = ? AND courseId = 'vneid-co-ban' AND lessonId = 'vneid-la-gi'");
    sqlite3_stmt *insert_summary = prepare(
        "INSERT INTO lessonProgress (status, furthestStep, lastStep, secondsSpent, firstOpenedAt, lastActivityAt, "
        "completedAt, contentHash, courseVersion, completedVersion, lastAnswer, assistedEvents, completedAssistedBy, "
        "learnerId, courseId, lessonId) VALUES ('in_progress', 0, 0, 0, ?, ?, NULL, 'bench', 1, 0, NULL, 0, NULL, ?, "
        "'vneid-co-ban', 'vneid-la-gi')");
    sqlite3_stmt *update_summary = prepare(
        "UPDATE lessonProgress SET status = 'in_progress', furthestStep = 0, lastStep = 0, secondsSpent = 0, "
        "firstOpenedAt = firstOpenedAt, lastActivityAt = ?, completedAt = NULL, contentHash = 'bench', "
        "courseVersion = 1, completedVersion = 0, lastAnswer = NULL, assistedEvents = assistedEvents + 0, "
        "completedAssistedBy = completedAssistedBy "
        "WHERE learnerId = ? AND courseId = 'vneid-co-ban' AND lessonId = 'vneid-la-gi'");
    sqlite3_stmt *states = prepare("SELECT courseStates FROM learner WHERE rowid = ?");

    const char *at = "2026-11-30 08:00:00.000";
    char id[64];
    long nonce = (long)time(NULL); /* ids stay unique across runs on the same file */
    long stored = 0, transactions = 0, counter = 0;
    double start = now_seconds(), deadline = start + seconds;
    while (now_seconds() < deadline) {
        run(begin, "begin");
        for (int request = 0; request < requests; request++) {
            sqlite3_bind_text(rowid, 1, learner, -1, SQLITE_STATIC);
            if (sqlite3_step(rowid) != SQLITE_ROW) {
                fprintf(stderr, "sqlite-writer: no learner %s\n", learner);
                return 1;
            }
            sqlite3_int64 learner_row = sqlite3_column_int64(rowid, 0);
            sqlite3_reset(rowid);
            for (int event = 0; event < events; event++) {
                snprintf(id, sizeof id, "bare-%ld-%ld", nonce, counter++);
                sqlite3_bind_text(insert_event, 1, id, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(insert_event, 2, learner_row);
                sqlite3_bind_text(insert_event, 3, at, -1, SQLITE_STATIC);
                sqlite3_bind_text(insert_event, 4, at, -1, SQLITE_STATIC);
                run(insert_event, "insert event");
                stored += sqlite3_changes(db);
            }
            sqlite3_bind_int64(read_summary, 1, learner_row);
            int exists = sqlite3_step(read_summary) == SQLITE_ROW;
            sqlite3_reset(read_summary);
            if (exists) {
                sqlite3_bind_text(update_summary, 1, at, -1, SQLITE_STATIC);
                sqlite3_bind_int64(update_summary, 2, learner_row);
                run(update_summary, "update summary");
            } else {
                sqlite3_bind_text(insert_summary, 1, at, -1, SQLITE_STATIC);
                sqlite3_bind_text(insert_summary, 2, at, -1, SQLITE_STATIC);
                sqlite3_bind_int64(insert_summary, 3, learner_row);
                run(insert_summary, "insert summary");
            }
            sqlite3_bind_int64(states, 1, learner_row);
            check(sqlite3_step(states), "course states");
            sqlite3_reset(states);
        }
        run(commit, "commit");
        transactions++;
    }
    double elapsed = now_seconds() - start;
    printf("%.0f events/s (%ld transactions of %d x %d)\n", stored / elapsed, transactions, requests, events);
    sqlite3_close_v2(db);
    return 0;
}
